import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApiProcess, type ApiProcess } from '../../test/ops/support/api-process.js';
import type { BenchServer } from '../lib/server.js';

/** Names of the two variants in the report: the cost of metrics and tracing is their ratio. */
export const OBSERVED = 'ours + metrics + tracing';
export const UNOBSERVED = 'ours, process';

/** An OTLP/HTTP collector that answers every export and keeps nothing: the export's cost without a collector's. */
async function discardingCollector(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Tracing patches modules process-wide, so both variants are `npm start` processes of their own on
 * the bench database, the same code with and without observation: metrics off and no tracing, and
 * metrics on with tracing exporting every span (OTLP/HTTP JSON) to a local collector that discards.
 * Both run the sealer, as npm start does. Their CPU is not in the report's CPU columns (other processes).
 */
export async function startObservabilityServers(databaseUrl: string): Promise<BenchServer[]> {
  const collector = await discardingCollector();
  const started: ApiProcess[] = [];
  const server = (name: string, about: string, p: ApiProcess): BenchServer =>
    ({ name, about, url: `${p.url}/graphql`, stop: async () => { await p.stop(); } });
  try {
    const quiet = { LOG_LEVEL: 'warn' };
    started.push(await startApiProcess(databaseUrl, { ...quiet, METRICS_ENABLED: 'false', OTEL_SDK_DISABLED: 'true' }));
    started.push(await startApiProcess(databaseUrl, {
      ...quiet, METRICS_ENABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    }));
  } catch (e) {
    for (const p of started) await p.stop();
    await collector.stop();
    throw e;
  }
  const [off, on] = started;
  const observed = server(OBSERVED, 'npm start\'s process with Prometheus metrics and OpenTelemetry tracing (http, graphql, pg) to a discarding OTLP collector', on);
  return [
    server(UNOBSERVED, 'npm start\'s process with metrics off (METRICS_ENABLED=false) and no tracing', off),
    { ...observed, stop: async () => { await observed.stop(); await collector.stop(); } },
  ];
}
