import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from '../../src/app.js';
import { signToken } from '../../src/auth/tokens.js';
import { DEVELOPMENT_JWT_SECRET, type Config } from '../../src/config.js';

export interface BenchServer {
  name: string;
  /** One line on what guards the schema, for the report. */
  about: string;
  url: string;
  stop(): Promise<void>;
}

/** `createApp` from its public options, listening on a free port of 127.0.0.1. */
export async function startServer(name: string, about: string, options: AppOptions): Promise<BenchServer> {
  const app = await createApp(options);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  return { name, about, url: `http://127.0.0.1:${port}/graphql`, stop: async () => { await app.stop(); } };
}

/** Starts the servers one after the other; stops those started if one fails. */
export async function startServers(start: (() => Promise<BenchServer>)[]): Promise<BenchServer[]> {
  const servers: BenchServer[] = [];
  try {
    for (const s of start) servers.push(await s());
    return servers;
  } catch (e) {
    await stopServers(servers);
    throw e;
  }
}

export async function stopServers(servers: readonly BenchServer[]): Promise<void> {
  for (const s of servers) await s.stop();
}

/** A demo principal's request headers: a development token and the declared purpose. */
export async function demoHeaders(config: Config, principalId: string, purpose: string): Promise<Record<string, string>> {
  const token = await signToken(principalId, { secret: DEVELOPMENT_JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  return { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': purpose };
}
