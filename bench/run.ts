import { startSealer } from '../src/audit/sealer-loop.js';
import { sealAll } from '../src/audit/sealer.js';
import { checkpointSigner } from '../src/audit/signing.js';
import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { loadConfig, type Config } from '../src/config.js';
import { measureBreakdown } from './api/breakdown.js';
import { checkPage, compareGuards, type CheckedPage } from './api/check.js';
import { SYNTHETIC_PERSONS, setupDatabase, type BenchDatabase } from './api/data.js';
import { BATCHES, CALLS_PER_BATCH, measureDecisions } from './api/decision.js';
import { LATENCY, measureLatency } from './api/latency.js';
import { PAGE_SIZES, PERSONS_50, personsWithRelations } from './api/queries.js';
import { renderReport, targetNotes, type LoadFigures, type PageFigures, type StatementFigures } from './api/report.js';
import { startBenchServers } from './api/servers.js';
import { startObservabilityServers } from './api/observability.js';
import { post, type Request } from './lib/http.js';
import { LOAD, load, loadInRounds } from './lib/load.js';
import { machine } from './lib/markdown.js';
import { progress, publish, runBench, secondsSince } from './lib/runner.js';
import { demoHeaders, stopServers, type BenchServer } from './lib/server.js';
import { fewestStatements, settle, type Measured } from './lib/statements.js';

/** `npm run bench`, the API benchmark; its report is bench/results.md (docs/bench.md explains it). */
const RESULTS = new URL('./results.md', import.meta.url);

const started = Date.now();
const log = progress('bench');

/** What the phases share: the servers, how to ask them, and the database's statement counter. */
interface Session {
  servers: BenchServer[];
  ours: BenchServer;
  request(s: BenchServer, query: string): Request;
  countStatements(r: Request): Promise<Measured>;
  /** Lets requests a load run left in flight finish and seals the log rows they wrote. */
  drain(): Promise<void>;
}

async function main(): Promise<void> {
  const policy = loadPolicy(defaultPolicyDir);
  const config = loadConfig({ NODE_ENV: 'test' });
  log('measuring single decisions');
  const decisions = await measureDecisions(policy);

  log('preparing the database');
  const bench = await setupDatabase(config.DB_APP_ROLE);
  let servers: BenchServer[] = [];
  try {
    const up = await startBenchServers({ orm: bench.orm, readOrm: bench.readOrm, policy, config });
    servers = up.servers;
    // Metrics and tracing on vs off, in processes of their own: loaded in the same rounds, not checked or counted above.
    const processes = bench.db.real ? await startObservabilityServers(bench.db.url) : [];
    servers.push(...processes);
    const s = await session(servers.filter((x) => !processes.includes(x)), bench, config);

    log('checking every server, counting statements');
    const { checks, statements, pageStatements } = await checkAndCount(s);
    log('timing the pieces of the decision and log path');
    const breakdown = await measureBreakdown(policy, bench.orm, up.categories);
    await s.drain();
    const loads = await loadServers(s, bench, config, processes);
    log(`latency: ${LATENCY.warmup} + ${LATENCY.measured} turns, one request per server each, interleaved`);
    const latency = await measureLatency(s.servers, (server) => s.request(server, PERSONS_50));
    await s.drain();
    const pages = await loadPages(s, pageStatements);

    const report = {
      date: new Date(),
      machine: `${machine()}, servers and database client in one process`,
      database: bench.description,
      data: `demo data (src/seed/demo.ts) + ${SYNTHETIC_PERSONS} synthetic persons at institution A, each with one placement and one dossier`,
      loadSettings: `autocannon in a worker thread, ${LOAD.connections} connections, ${LOAD.warmupSeconds} s warm-up (discarded) + ${LOAD.seconds} s measured, ` +
        `a discarded pass over all servers, then ${LOAD.rounds} rounds, one server after the other (every second round in reverse order); ` +
        'POST /graphql as case-manager-a with x-purpose DETENTION_MANAGEMENT',
      decisionSettings: `${BATCHES} batches of ${CALLS_PER_BATCH} calls after a warm-up of ${5 * CALLS_PER_BATCH}`,
      latencySettings: `${LATENCY.measured} turns after ${LATENCY.warmup} (discarded); in each turn every server answers one request, ` +
        'one at a time, the order rotated turn by turn; each server on its own kept-alive connection (node:http)',
      loads, latency, statements, checks, pages, decisions, breakdown,
      seconds: secondsSince(started),
    };
    publish(RESULTS, renderReport(report), targetNotes(report), log);
  } finally {
    await stopServers(servers);
    await bench.stop();
  }
}

async function session(servers: BenchServer[], bench: BenchDatabase, config: Config): Promise<Session> {
  const headers = await demoHeaders(config, 'case-manager-a', 'DETENTION_MANAGEMENT');
  return {
    servers,
    ours: servers.find((s) => s.name === 'ours')!,
    request: (s, query) => ({ url: s.url, headers, body: JSON.stringify({ query }) }),
    countStatements: (r) => fewestStatements(bench.orm, bench.counter, () => post(r)),
    async drain() {
      await settle(bench.counter);
      await sealAll(bench.orm.em.fork(), new Date());
    },
  };
}

/** Checks every server once (fails loudly), then counts the statements of identical requests. */
async function checkAndCount(s: Session) {
  const pages = new Map<string, CheckedPage>();
  const statements: StatementFigures[] = [];
  for (const server of s.servers) {
    const r = s.request(server, PERSONS_50);
    pages.set(server.name, checkPage(server.name, await post(r), 50, server.name !== 'bare'));
    statements.push({ name: server.name, statements: await s.countStatements(r) });
  }
  const pageStatements: Measured[] = [];
  for (const first of PAGE_SIZES) {
    const r = s.request(s.ours, personsWithRelations(first));
    checkPage(`ours, first: ${first}`, await post(r), first, true);
    pageStatements.push(await s.countStatements(r));
  }
  await s.drain();
  return { checks: compareGuards(pages), statements, pageStatements };
}

/**
 * Every server in every round, and ours once more as `npm start` runs it, with the loop that seals
 * log rows into the hash chain (src/main.ts) running during its load.
 */
async function loadServers(s: Session, bench: BenchDatabase, config: Config, processes: BenchServer[]): Promise<LoadFigures[]> {
  const variants = [...s.servers, ...processes].map((server) => ({ name: server.name, about: server.about, request: s.request(server, PERSONS_50) }));
  variants.splice(1, 0, {
    name: 'ours + sealer', about: `ours, with the sealer loop of npm start sealing log rows every ${config.SEAL_INTERVAL_MS} ms`,
    request: s.request(s.ours, PERSONS_50),
  });
  const withSealer = async <T>(run: () => Promise<T>): Promise<T> => {
    const sealer = startSealer(bench.orm, checkpointSigner(config.auditSigningKey), {
      sealEveryMs: config.SEAL_INTERVAL_MS, checkpointEveryMs: config.CHECKPOINT_INTERVAL_MS,
    });
    try {
      return await run();
    } finally {
      await sealer.stop();
    }
  };
  const loads = await loadInRounds(variants.map((v) => ({ ...v, around: v.name === 'ours + sealer' ? withSealer : undefined })), () => s.drain(), log);
  return variants.map((v) => ({ name: v.name, about: v.about, load: loads.get(v.name)! }));
}

async function loadPages(s: Session, statements: Measured[]): Promise<PageFigures[]> {
  const out: PageFigures[] = [];
  for (const [i, first] of PAGE_SIZES.entries()) {
    log(`load on ours, first: ${first} with relations`);
    out.push({ first, statements: statements[i], load: await load(s.request(s.ours, personsWithRelations(first))) });
    await s.drain();
  }
  return out;
}

runBench('bench', main, { watchdogMinutes: 12 });
