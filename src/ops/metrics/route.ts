import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { logger } from '../../logger.js';
import { registry } from './registry.js';

export interface MetricsSettings {
  METRICS_ENABLED: boolean;
  METRICS_TOKEN?: string;
  METRICS_PORT?: number;
  production: boolean;
}

export type MetricsRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A bearer token compared in constant time; no token configured: open (development, or a port of its own). */
function authorised(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(req.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** GET /metrics in Prometheus' text format, behind METRICS_TOKEN when it is set. */
export function metricsRoute(token: string | undefined): MetricsRoute {
  return async (req, res) => {
    if (!authorised(req, token)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' }).end('unauthorised\n');
      return;
    }
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(text);
  };
}

/**
 * The route on the API's own port: only without METRICS_PORT, and in production only behind
 * METRICS_TOKEN (the figures show load and the log's health to whoever can reach the port).
 */
export function mainPortMetrics(s: MetricsSettings): MetricsRoute | undefined {
  if (!s.METRICS_ENABLED || s.METRICS_PORT !== undefined) return undefined;
  if (s.production && !s.METRICS_TOKEN) {
    logger.warn('GET /metrics is off: production needs METRICS_TOKEN or METRICS_PORT');
    return undefined;
  }
  return metricsRoute(s.METRICS_TOKEN);
}

/** METRICS_PORT: a server of its own answering GET /metrics only, for a port the operator keeps internal. */
export function metricsServer(s: MetricsSettings): Server | null {
  if (!s.METRICS_ENABLED || s.METRICS_PORT === undefined) return null;
  const route = metricsRoute(s.METRICS_TOKEN);
  return createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] !== '/metrics' || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    route(req, res).catch(() => res.writeHead(500).end());
  });
}
