import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../src/app.js';
import { buildEntries } from '../src/audit/entries.js';
import { GroupCommit } from '../src/audit/group-commit.js';
import type { LogSink } from '../src/audit/log-sink.js';
import { sealAll } from '../src/audit/sealer.js';
import { writeEntries } from '../src/audit/writer.js';
import { signToken } from '../src/auth/tokens.js';
import { defaultPolicyDir, loadPolicy } from '../src/authz/policy.js';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '../src/config.js';
import { buildSchema } from '../src/schema/index.js';
import { setupDatabase } from './data.js';
import { LOAD, combine, load, type LoadResult, type Request } from './load.js';
import { PERSONS_50 } from './queries.js';
import { roundRatios } from './report.js';
import { runBench } from './runner.js';

/**
 * `npx tsx bench/log-cost.ts`: where the access log's cost goes under load. Variants of ours that
 * stop the log at each step (nothing built; rows built but not written; written without the answer
 * waiting for the commit; ours), loaded round by round as bench/run.ts loads its servers, each as a
 * ratio to bare (median of the rounds). The two middle variants are not fail-closed: bench only.
 */
async function main(): Promise<void> {
  const policy = loadPolicy(defaultPolicyDir);
  const config = loadConfig({ NODE_ENV: 'test' });
  const bench = await setupDatabase(config.DB_APP_ROLE);
  const apps: { name: string; app: App; url?: string }[] = [];
  try {
    const ours = buildSchema(policy);
    const commit = new GroupCommit((entries) => writeEntries(bench.orm.em.fork(), entries));
    const variants: [string, LogSink | undefined][] = [
      ['ours', undefined],
      ['built and written, answer not waiting', { write: async (c, m) => void commit.write(buildEntries(c, m)).catch(() => undefined) }],
      ['built, not written', { write: async (c, m) => void buildEntries(c, m) }],
      ['ours, log off', { write: async () => undefined }],
    ];
    for (const [name, readLog] of variants) apps.push({ name, app: await createApp({ orm: bench.orm, readOrm: bench.readOrm, policy, config, schema: ours, readLog }) });
    apps.push({ name: 'bare', app: await createApp({ orm: bench.orm, readOrm: bench.readOrm, policy, config, schema: buildSchema(policy, { decisions: false }) }) });
    for (const a of apps) {
      await new Promise<void>((resolve) => a.app.server.listen(0, '127.0.0.1', resolve));
      a.url = `http://127.0.0.1:${(a.app.server.address() as AddressInfo).port}/graphql`;
    }
    const token = await signToken('case-manager-a', { secret: DEVELOPMENT_JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
    const request = (url: string): Request => ({
      url, body: JSON.stringify({ query: PERSONS_50 }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'DETENTION_MANAGEMENT' },
    });
    const runs = new Map<string, LoadResult[]>(apps.map((a) => [a.name, []]));
    for (const a of apps) await load(request(a.url!));
    for (let round = 0; round < LOAD.rounds; round++) {
      for (const a of round % 2 === 0 ? apps : [...apps].reverse()) {
        console.error(`round ${round + 1}/${LOAD.rounds}: ${a.name}`);
        runs.get(a.name)!.push(await load(request(a.url!)));
        await sealAll(bench.orm.em.fork(), new Date());
      }
    }
    const loads = { loads: apps.map((a) => ({ name: a.name, about: a.name, load: combine(runs.get(a.name)!) })) };
    console.log('| variant | ratio to bare (median of rounds) | each round |\n| --- | ---: | --- |');
    for (const a of apps) {
      const r = roundRatios(loads, a.name, 'bare');
      console.log(`| ${a.name} | ${r.median.toFixed(2)} | ${r.each.map((x) => x.toFixed(2)).join(', ')} |`);
    }
  } finally {
    for (const a of apps) await a.app.stop();
    await bench.stop();
  }
}

runBench('log-cost', main, { watchdogMs: 15 * 60_000, watchdogText: '15 minutes', own: () => false });
