import { demoHeaders, startServer } from '../lib/server.js';
import { defaultPolicyDir, loadPolicy } from '../../src/authz/policy.js';
import type { Config } from '../../src/config.js';
import type { ApiOrms } from '../../src/db/orm.js';
import { BenchFailed } from '../lib/runner.js';

export const LATENCY = { warmup: 30, measured: 300 } as const;

export interface Latency {
  label: string;
  p50: number;
  p95: number;
  edges: number;
}

const QUERIES = [
  { label: 'oversightFindings(first: 20)', field: 'oversightFindings', query: '{ oversightFindings(first: 20) { edges { node { id signal principalId personId day explanation logRowIds reviewCaseId } } } }' },
  { label: 'reviewCases(first: 20)', field: 'reviewCases', query: '{ reviewCases(first: 20) { edges { node { id } } } }' },
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/**
 * End to end over HTTP as the auditor under SUPERVISION_AUDIT, one request at a time on the API as
 * npm start runs it (application role, read-only sessions): the decision, the log rows of the read
 * and the answer included. The client shares the process (a simpler client than bench/log's).
 */
export async function measureLatency(orms: ApiOrms, config: Config): Promise<Latency[]> {
  const server = await startServer('ours', 'the API', { orm: orms.orm, readOrm: orms.readOrm, policy: loadPolicy(defaultPolicyDir), config });
  try {
    const headers = await demoHeaders(config, 'auditor', 'SUPERVISION_AUDIT');
    const out: Latency[] = [];
    for (const q of QUERIES) {
      const ms: number[] = [];
      let edges = 0;
      for (let k = 0; k < LATENCY.warmup + LATENCY.measured; k++) {
        const started = process.hrtime.bigint();
        const res = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query: q.query }) });
        const body = await res.json() as { data?: Record<string, { edges: unknown[] } | null>; errors?: { extensions?: { code?: string } }[] };
        const took = Number(process.hrtime.bigint() - started) / 1e6;
        const list = body.data?.[q.field]?.edges;
        if (res.status !== 200 || body.errors || !list) {
          throw new BenchFailed(`${q.field}: HTTP ${res.status}, errors ${body.errors?.map((e) => e.extensions?.code).join(', ') ?? 'none'}`);
        }
        if (k >= LATENCY.warmup) {
          ms.push(took);
          edges = list.length;
        }
      }
      ms.sort((a, b) => a - b);
      out.push({ label: q.label, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), edges });
    }
    return out;
  } finally {
    await server.stop();
  }
}
