import { fork } from 'node:child_process';
import type { AppOptions } from '../../src/app.js';
import type { Policy } from '../../src/authz/policy.js';
import type { Config } from '../../src/config.js';
import { BenchFailed } from '../lib/runner.js';
import { demoHeaders, startServer } from '../lib/server.js';
import { watchDriverQueries } from '../lib/statements.js';
import { percentiles, seeded, type Percentiles } from '../lib/stats.js';
import { log } from './env.js';
import type { SearchJob, SearchResult } from './search-client.js';
import { PERSONS, STAFF } from './synthetic.js';

export const SEARCH = { warmup: 50, measured: 300, first: 20 } as const;
const YEAR_MS = 365 * 24 * 3600_000;

const QUERY = `query AuditLog($filter: AccessLogFilter, $first: Int) { accessLog(first: $first, filter: $filter) {
  edges { node { id at action outcome reason principalId purpose subjectType subjectId personId fields categories hash } }
  pageInfo { hasNextPage endCursor } } }`;

export const person = (n: number) => `person-g${String(n).padStart(6, '0')}`;
export const staff = (n: number) => `staff-g${String(n).padStart(4, '0')}`;

/**
 * A search: its label, and the filter of each request (a random person or staff member, a random
 * year). A breakdown search varies the request to show where the end-to-end time goes: `first`
 * other than 20, or `bare`: `{ __typename }` on the same request path (token, principal, purpose,
 * transaction) without accessLog.
 */
export interface Search {
  label: string;
  filter: (random: () => number) => Record<string, string>;
  breakdown?: { first?: number; bare?: boolean };
}

/** The searches, with filters drawn from a seeded generator: the same values every run. */
export function searches(span: { startMs: number; endMs: number }): Search[] {
  const pick = (random: () => number, n: number) => 1 + Math.floor(random() * n);
  return [
    { label: 'personId', filter: (r) => ({ personId: person(pick(r, PERSONS)) }) },
    { label: 'principalId', filter: (r) => ({ principalId: staff(pick(r, STAFF)) }) },
    {
      label: 'personId + one-year from/to', filter: (r) => {
        const from = span.startMs + Math.floor(r() * (span.endMs - span.startMs - YEAR_MS));
        return { personId: person(pick(r, PERSONS)), from: new Date(from).toISOString(), to: new Date(from + YEAR_MS).toISOString() };
      },
    },
  ];
}

/** The same requests as the search by personId, varied: how much of its time is the request path, how much each row. */
export function breakdownSearches(): Search[] {
  const byPerson = (r: () => number) => ({ personId: person(1 + Math.floor(r() * PERSONS)) });
  return [
    { label: '`{ __typename }`: token, principal, purpose, transaction, no accessLog', filter: byPerson, breakdown: { bare: true } },
    { label: 'personId, first: 1', filter: byPerson, breakdown: { first: 1 } },
  ];
}

export interface SearchFigures {
  label: string;
  breakdown: boolean;
  ms: Percentiles;
  meanEdges: number;
  /** The resolver's statement on access_log, placeholders shown as `?`. */
  resolverSql: string | null;
}

/** A statement's shape: string literals and numbers as `?`, one line. */
export const shape = (sql: string) => sql.replace(/'[^']*'/g, '?').replace(/\$\d+/g, '?').replace(/\b\d+\b/g, '?').replace(/\s+/g, ' ').trim();

/** The client process (search-client.ts), forked with tsx; one job at a time. */
function startClient() {
  const child = fork(new URL('./search-client.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  return {
    run: (job: SearchJob) => new Promise<SearchResult>((resolve, reject) => {
      child.once('message', (m) => resolve(m as SearchResult));
      child.once('exit', (code) => reject(new BenchFailed(`the search client stopped (exit ${code})`)));
      child.send(job);
    }),
    stop: () => { child.removeAllListeners('exit'); child.kill(); },
  };
}

/**
 * accessLog(first: 20, filter) over HTTP as the demo auditor with purpose SUPERVISION_AUDIT, one
 * request at a time on one kept-alive connection from a client process of its own, end to end
 * (authentication, the query, the auditor's own log row, commit): a warm-up, then the measured
 * requests. Fails loudly on any error; never prints the rows.
 */
export async function measureSearches(orms: Pick<AppOptions, 'orm' | 'readOrm'>, policy: Policy, config: Config, list: Search[]): Promise<SearchFigures[]> {
  const { orm } = orms;
  const server = await startServer('ours', 'as npm start builds it', { ...orms, policy, config });
  const { url } = server;
  const headers = await demoHeaders(config, 'auditor', 'SUPERVISION_AUDIT');
  const body = (s: Search, random: () => number) => JSON.stringify(s.breakdown?.bare
    ? { query: '{ __typename }' }
    : { query: QUERY, variables: { filter: s.filter(random), first: s.breakdown?.first ?? SEARCH.first } });
  let resolverSql: string | null = null;
  let stopWatching = () => {};
  const client = startClient();
  try {
    const out: SearchFigures[] = [];
    for (const [i, s] of list.entries()) {
      log(`search by ${s.label}: ${SEARCH.warmup} warm-up + ${SEARCH.measured} measured requests`);
      // The breakdown draws the same persons as the search by personId.
      const random = seeded(s.breakdown ? 1000 : 1000 + i);
      const bodies = Array.from({ length: SEARCH.warmup + SEARCH.measured }, () => body(s, random));
      resolverSql = null;
      // The statement the resolver sent for this search, as the pg driver received it.
      stopWatching = watchDriverQueries(orm, (q) => {
        if (resolverSql === null && /^select \*.* from access_log\b/i.test(q.text)) resolverSql = shape(q.text);
      });
      const result = await client.run({ url, headers, bodies, warmup: SEARCH.warmup, bare: !!s.breakdown?.bare });
      stopWatching();
      if ('error' in result) throw new BenchFailed(result.error);
      out.push({
        label: s.label, breakdown: !!s.breakdown, ms: percentiles(result.ms), meanEdges: result.edges / SEARCH.measured, resolverSql,
      });
    }
    return out;
  } finally {
    stopWatching();
    client.stop();
    await server.stop();
  }
}
