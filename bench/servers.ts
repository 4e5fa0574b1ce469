import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import { createApp, type AppOptions } from '../src/app.js';
import type { LogSink } from '../src/audit/log-sink.js';
import type { Policy } from '../src/authz/policy.js';
import type { Config } from '../src/config.js';
import { buildSchema } from '../src/schema/index.js';
import { personFieldCategories } from './grants.js';
import { scopeAuthSchema } from './scope-auth.js';
import { shieldSchema } from './shield.js';

export interface BenchServer {
  name: string;
  /** One line on what guards the schema, for the report. */
  about: string;
  url: string;
  stop(): Promise<void>;
}

/** The ORMs every server shares: writes and the log, and read-only sessions for reads. */
type Orms = Pick<AppOptions, 'orm' | 'readOrm'>;

async function start(name: string, about: string, orms: Orms, policy: Policy, config: Config, schema?: GraphQLSchema,
  readLog?: LogSink): Promise<BenchServer> {
  const app = await createApp({ ...orms, policy, config, schema, readLog });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  return { name, about, url: `http://127.0.0.1:${port}/graphql`, stop: () => app.stop() };
}

export interface BenchServers {
  servers: BenchServer[];
  /** Data category of each personal field of Person, as our schema declares it. */
  categories: Record<string, string>;
}

/**
 * The five servers, in-process on the same ORMs: ours (decisions and access log), ours with the log off
 * (the decision layer alone), bare (same schema, no decision plugin, nothing logged), bare +
 * graphql-shield, and a Pothos scope-auth schema. Same HTTP path, same
 * authentication, purpose header and transaction for all (src/http/graphql-handler.ts).
 */
export async function startServers(orms: Orms, policy: Policy, config: Config): Promise<BenchServers> {
  const servers: BenchServer[] = [];
  try {
    // What createApp builds by default, built here to read the categories from it.
    const ours = buildSchema(policy);
    const categories = personFieldCategories(ours);
    servers.push(await start('ours', 'decision plugin + access log (src/authz, src/audit)', orms, policy, config, ours));
    // The decision layer alone, as the other guards (they log nothing): decisions collected, no rows built.
    servers.push(await start('ours, log off', 'the same server, read requests\' decisions collected but no log rows built or written (bench only)', orms, policy, config, ours,
      { write: async () => undefined }));
    const bare = buildSchema(policy, { decisions: false });
    servers.push(await start('bare', 'buildSchema(policy, { decisions: false }): row filter and column choice only', orms, policy, config, bare));
    servers.push(await start('graphql-shield', 'bare schema + graphql-shield rules (bench/shield.ts)', orms, policy, config,
      shieldSchema(bare, policy, categories)));
    servers.push(await start('scope-auth', 'Pothos + @pothos/plugin-scope-auth (bench/scope-auth.ts)', orms, policy, config,
      await scopeAuthSchema(policy, categories)));
    return { servers, categories };
  } catch (e) {
    await Promise.all(servers.map((s) => s.stop()));
    throw e;
  }
}
