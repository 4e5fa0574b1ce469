import type { AppOptions } from '../../src/app.js';
import type { LogSink } from '../../src/audit/log-sink.js';
import { buildSchema } from '../../src/schema/index.js';
import { startServer, startServers, type BenchServer } from '../lib/server.js';
import { bareSchema } from './bare-schema.js';
import { personFieldCategories } from './grants.js';
import { scopeAuthSchema } from './scope-auth.js';
import { shieldSchema } from './shield.js';

/** What every server shares: the ORMs (writes and the log, read-only sessions for reads), policy and config. */
export type Shared = Pick<AppOptions, 'orm' | 'readOrm' | 'policy' | 'config'>;

/** createApp's `readLog` for "log off": read requests' decisions are collected, no rows built or written. */
export const LOG_OFF: LogSink = { write: async () => undefined };

export interface BenchServers {
  servers: BenchServer[];
  /** Data category of each personal field of Person, as our schema declares it. */
  categories: Record<string, string>;
}

/**
 * The five servers, in-process on the same ORMs, each built from createApp's public options: ours
 * (decisions and access log), ours with the log off (the decision layer alone), bare (the same types
 * without the decision plugin, nothing logged), bare + graphql-shield, and a Pothos scope-auth
 * schema. Same HTTP path, authentication, purpose header and transaction for all
 * (src/http/graphql-handler.ts).
 */
export async function startBenchServers(shared: Shared): Promise<BenchServers> {
  // What createApp builds by default, built here to read the categories from it.
  const ours = buildSchema(shared.policy);
  const categories = personFieldCategories(ours);
  const bare = bareSchema();
  const servers = await startServers([
    () => startServer('ours', 'decision plugin + access log (src/authz, src/audit)', { ...shared, schema: ours }),
    () => startServer('ours, log off', 'the same server, read requests\' decisions collected but no log rows built or written (createApp\'s readLog)',
      { ...shared, schema: ours, readLog: LOG_OFF }),
    () => startServer('bare', 'the same types without the decision plugin (bench/api/bare-schema.ts): row filter and column choice only',
      { ...shared, schema: bare }),
    () => startServer('graphql-shield', 'bare schema + graphql-shield rules (bench/api/shield.ts)',
      { ...shared, schema: shieldSchema(bare, shared.policy, categories) }),
    async () => startServer('scope-auth', 'Pothos + @pothos/plugin-scope-auth (bench/api/scope-auth.ts)',
      { ...shared, schema: await scopeAuthSchema(shared.policy, categories) }),
  ]);
  return { servers, categories };
}
