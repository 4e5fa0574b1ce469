import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startSealer } from '../src/audit/sealer-loop.js';
import { sealAll } from '../src/audit/sealer.js';
import { checkpointSigner } from '../src/audit/signing.js';
import { signToken } from '../src/auth/tokens.js';
import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { DEVELOPMENT_JWT_SECRET, loadConfig, type Config } from '../src/config.js';
import { CheckFailed, checkPage, compareGuards, type CheckedPage } from './check.js';
import { SYNTHETIC_PERSONS, setupDatabase, type BenchDatabase } from './data.js';
import { measureBreakdown } from './breakdown.js';
import { LATENCY, measureLatency } from './latency.js';
import { BATCHES, CALLS_PER_BATCH, measureDecisions } from './decision.js';
import { LOAD, combine, load, post, type LoadResult, type Request } from './load.js';
import { PAGE_SIZES, PERSONS_50, personsWithRelations } from './queries.js';
import { missedTargets, renderReport, type LoadFigures, type PageFigures, type StatementFigures } from './report.js';
import { startServers, type BenchServer } from './servers.js';
import { measureStatements, settle, type Measured } from './statements.js';
import { runBench } from './runner.js';

const RESULTS = new URL('./results.md', import.meta.url);
/** Stop by ourselves even if something hangs (a run takes about six minutes). */
const WATCHDOG_MS = 12 * 60_000;

const started = Date.now();
const log = (msg: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);

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
  const decisions = measureDecisions(policy);

  log('preparing the database');
  const bench = await setupDatabase(config.DB_APP_ROLE);
  let servers: BenchServer[] = [];
  try {
    const up = await startServers(bench, policy, config);
    servers = up.servers;
    const s = await session(servers, bench, config);

    log('checking every server, counting statements');
    const { checks, statements, pageStatements } = await checkAndCount(s);
    log('timing the pieces of the decision and log path');
    const breakdown = await measureBreakdown(policy, bench.orm, up.categories);
    await s.drain();
    const loads = await loadServers(s, bench, config);
    log(`latency: ${LATENCY.warmup} + ${LATENCY.measured} turns, one request per server each, interleaved`);
    const latency = await measureLatency(s.servers, (server) => s.request(server, PERSONS_50));
    await s.drain();
    const pages = await loadPages(s, pageStatements);

    const report = {
      date: new Date(),
      machine: `Node ${process.version}, ${cpus().length} CPU cores (${cpus()[0]?.model.trim() ?? 'unknown'}), servers and database client in one process`,
      database: bench.description,
      data: `demo data (src/seed/demo.ts) + ${SYNTHETIC_PERSONS} synthetic persons at institution A, each with one placement and one dossier`,
      loadSettings: `autocannon in a worker thread, ${LOAD.connections} connections, ${LOAD.warmupSeconds} s warm-up (discarded) + ${LOAD.seconds} s measured, ` +
        `a discarded pass over all servers, then ${LOAD.rounds} rounds, one server after the other (every second round in reverse order); ` +
        'POST /graphql as case-manager-a with x-purpose DETENTION_MANAGEMENT',
      decisionSettings: `${BATCHES} batches of ${CALLS_PER_BATCH} calls after a warm-up of ${5 * CALLS_PER_BATCH}`,
      latencySettings: `${LATENCY.measured} turns after ${LATENCY.warmup} (discarded); in each turn every server answers one request, ` +
        'one at a time, the order rotated turn by turn; each server on its own kept-alive connection (node:http)',
      loads, latency, statements, checks, pages, decisions, breakdown,
      seconds: (Date.now() - started) / 1000,
    };
    const markdown = renderReport(report);
    writeFileSync(RESULTS, markdown);
    console.log(markdown);
    for (const note of missedTargets(report)) console.error(`NOTE: target missed: ${note}`);
    log('report written to bench/results.md');
  } finally {
    for (const s of servers) await s.stop();
    await bench.stop();
  }
}

async function session(servers: BenchServer[], bench: BenchDatabase, config: Config): Promise<Session> {
  const token = await signToken('case-manager-a', { secret: DEVELOPMENT_JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  return {
    servers,
    ours: servers.find((s) => s.name === 'ours')!,
    request: (s, query) => ({
      url: s.url,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'DETENTION_MANAGEMENT' },
      body: JSON.stringify({ query }),
    }),
    countStatements: (r) => measureStatements(bench.orm, bench.counter, () => post(r)),
    async drain() {
      await settle(bench.counter);
      await sealAll(bench.orm.em.fork(), new Date());
    },
  };
}

/** Checks every server once (fails loudly), then counts the statements of a second, identical request. */
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

/** Every server once per round; the second round in reverse order. */
/**
 * Every round loads each server once, and ours as `npm start` runs it, with the loop that seals log
 * rows into the hash chain (src/main.ts); every other round in reverse order.
 */
async function loadServers(s: Session, bench: BenchDatabase, config: Config): Promise<LoadFigures[]> {
  interface Variant { name: string; about: string; server: BenchServer; sealer?: boolean }
  const variants: Variant[] = s.servers.map((server) => ({ name: server.name, about: server.about, server }));
  variants.splice(1, 0, {
    name: 'ours + sealer', about: `ours, with the sealer loop of npm start sealing log rows every ${config.SEAL_INTERVAL_MS} ms`,
    server: s.ours, sealer: true,
  });
  const runs = new Map<string, LoadResult[]>(variants.map((v) => [v.name, []]));
  // One discarded pass first: the first server loaded would otherwise also pay for the process's
  // and the database's warm-up (JIT, caches, statistics of the fresh log table).
  for (const v of variants) {
    log(`warm-up pass: load on ${v.name}`);
    await load(s.request(v.server, PERSONS_50));
    await s.drain();
  }
  for (let round = 0; round < LOAD.rounds; round++) {
    for (const v of round % 2 === 0 ? variants : [...variants].reverse()) {
      log(`round ${round + 1}/${LOAD.rounds}: load on ${v.name}`);
      const sealer = v.sealer ? startSealer(bench.orm, checkpointSigner(config.auditSigningKey), {
        sealEveryMs: config.SEAL_INTERVAL_MS, checkpointEveryMs: config.CHECKPOINT_INTERVAL_MS,
      }) : null;
      try {
        runs.get(v.name)!.push(await load(s.request(v.server, PERSONS_50)));
      } finally {
        await sealer?.stop();
      }
      await s.drain();
    }
  }
  return variants.map((v) => ({ name: v.name, about: v.about, load: combine(runs.get(v.name)!) }));
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

runBench('bench', main, { watchdogMs: WATCHDOG_MS, watchdogText: '8 minutes', own: (e) => e instanceof CheckFailed });
