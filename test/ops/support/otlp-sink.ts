import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One attribute of an exported span, as OTLP/JSON writes it. */
export interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}

export interface OtlpSpan {
  name: string;
  attributes?: OtlpAttribute[];
  events?: { name: string; attributes?: OtlpAttribute[] }[];
}

export interface OtlpSink {
  /** OTEL_EXPORTER_OTLP_ENDPOINT for the API process. */
  endpoint: string;
  spans: OtlpSpan[];
  /** Every export body as received, to search for values wherever they might hide. */
  bodies: string[];
  stop(): Promise<void>;
}

interface ExportBody {
  resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

/** A local OTLP/HTTP (JSON) collector that keeps what it receives: the test's in-memory span store. */
export async function startOtlpSink(): Promise<OtlpSink> {
  const spans: OtlpSpan[] = [];
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      bodies.push(text);
      const body = JSON.parse(text) as ExportBody;
      for (const r of body.resourceSpans ?? []) for (const s of r.scopeSpans ?? []) spans.push(...(s.spans ?? []));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`, spans, bodies,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
