import { buildEntries } from '../src/audit/entries.js';
import { GroupCommit } from '../src/audit/group-commit.js';
import type { LogSink } from '../src/audit/log-sink.js';
import { sealAll } from '../src/audit/sealer.js';
import { writeEntries } from '../src/audit/writer.js';
import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { loadConfig } from '../src/config.js';
import { buildSchema } from '../src/schema/index.js';
import { bareSchema } from './api/bare-schema.js';
import { setupDatabase } from './api/data.js';
import { PERSONS_50 } from './api/queries.js';
import { roundRatios } from './api/report.js';
import { LOG_OFF } from './api/servers.js';
import { loadInRounds } from './lib/load.js';
import { f2, table } from './lib/markdown.js';
import { progress, runBench } from './lib/runner.js';
import { demoHeaders, startServer, startServers, stopServers, type BenchServer } from './lib/server.js';

const log = progress('log-cost');

/**
 * `npx tsx bench/log-cost.ts`: where the access log's cost goes under load. Variants of ours that
 * stop the log at each step (nothing built; rows built but not written; written without the answer
 * waiting for the commit; ours), each given to createApp as its `readLog`, loaded round by round as
 * bench/run.ts loads its servers, each as a ratio to bare (median of the rounds). The two middle
 * sinks are not fail-closed: they exist only here.
 */
async function main(): Promise<void> {
  const policy = loadPolicy(defaultPolicyDir);
  const config = loadConfig({ NODE_ENV: 'test' });
  const bench = await setupDatabase(config.DB_APP_ROLE);
  let servers: BenchServer[] = [];
  try {
    const shared = { orm: bench.orm, readOrm: bench.readOrm, policy, config };
    const ours = buildSchema(policy);
    const commit = new GroupCommit((entries) => writeEntries(bench.orm.em.fork(), entries));
    const variants: [string, LogSink | undefined][] = [
      ['ours', undefined],
      ['built and written, answer not waiting', { write: async (c, m) => void commit.write(buildEntries(c, m)).catch(() => undefined) }],
      ['built, not written', { write: async (c, m) => void buildEntries(c, m) }],
      ['ours, log off', LOG_OFF],
    ];
    servers = await startServers([
      ...variants.map(([name, readLog]) => () => startServer(name, name, { ...shared, schema: ours, readLog })),
      () => startServer('bare', 'bare', { ...shared, schema: bareSchema() }),
    ]);
    const headers = await demoHeaders(config, 'case-manager-a', 'DETENTION_MANAGEMENT');
    const body = JSON.stringify({ query: PERSONS_50 });
    const loads = await loadInRounds(servers.map((s) => ({ name: s.name, request: { url: s.url, headers, body } })),
      () => sealAll(bench.orm.em.fork(), new Date()), log);
    const figures = { loads: servers.map((s) => ({ name: s.name, about: s.about, load: loads.get(s.name)! })) };
    console.log(table(['variant', 'ratio to bare (median of rounds):', 'each round'], servers.map((s) => {
      const r = roundRatios(figures, s.name, 'bare');
      return [s.name, f2(r.median), r.each.map(f2).join(', ')];
    })).join('\n'));
  } finally {
    await stopServers(servers);
    await bench.stop();
  }
}

runBench('log-cost', main, { watchdogMinutes: 15 });
