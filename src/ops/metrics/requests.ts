import type { ServerResponse } from 'node:http';
import { Counter, Histogram } from 'prom-client';
import { metricsEnabled, registry } from './registry.js';

const requests = new Counter({
  name: 'ntk_graphql_requests_total', help: 'POST /graphql requests answered, by operation and outcome',
  labelNames: ['operation', 'outcome'] as const, registers: [registry],
});
const seconds = new Histogram({
  name: 'ntk_graphql_request_duration_seconds', help: 'Time from request to the end of the answer, by operation and outcome',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
});

/** The operation label of each request still being answered; set once the persisted-operation gate knows it. */
const operations = new WeakMap<ServerResponse, string>();
/** The names of each manifest's operations, worked out once per manifest. */
const manifestNames = new WeakMap<ReadonlyMap<string, { name: string }>, ReadonlySet<string>>();

/** Outcome by status: a fixed set, so the label stays bounded whatever the answer holds. */
function outcomeOf(status: number): string {
  switch (status) {
    case 200: return 'ok';
    case 400: return 'bad_request';
    case 401: return 'unauthenticated';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 413: return 'too_large';
    case 429: return 'rate_limited';
    case 503: return 'unavailable';
    default: return status >= 500 ? 'error' : 'other';
  }
}

/** Counts and times one POST /graphql request when its answer ends (or its connection closes first). */
export function observeGraphQLRequest(res: ServerResponse): void {
  if (!metricsEnabled()) return;
  const end = seconds.startTimer();
  res.once('close', () => {
    const labels = { operation: operations.get(res) ?? 'unknown', outcome: res.writableFinished ? outcomeOf(res.statusCode) : 'aborted' };
    requests.inc(labels);
    end(labels);
  });
}

/**
 * The request's operation label. Operation names are the client's text, so only names of the
 * persisted-operation manifest (a list the operator reviewed) become labels; any other named
 * operation is `other`, an unnamed one `anonymous` (no unbounded or personal text in a label).
 */
export function nameOperation(res: ServerResponse, name: string | null, manifest: ReadonlyMap<string, { name: string }>): void {
  if (!metricsEnabled()) return;
  let known = manifestNames.get(manifest);
  if (!known) manifestNames.set(manifest, (known = new Set([...manifest.values()].map((o) => o.name))));
  operations.set(res, name === null ? 'anonymous' : known.has(name) ? name : 'other');
}
