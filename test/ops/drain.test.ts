import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createHttpServer } from '../../src/http/server.js';
import { ServerDrain } from '../../src/ops/shutdown/drain.js';

/** The drain on the API's own routes, with a /graphql that answers only when the test lets it. */
async function server() {
  const drain = new ServerDrain();
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => { release = r; });
  const graphql = async (_req: IncomingMessage, res: ServerResponse) => {
    await released;
    res.end('answered');
  };
  const http = createHttpServer({ orm: null as unknown as MikroORM, graphql, drain });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { http, drain, url, release };
}

const call = (url: string, method: string, agent: Agent) => new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
  const req = request(url, { method, agent }, (res) => {
    let body = '';
    res.on('data', (c: Buffer) => { body += c.toString(); });
    res.on('end', () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
  });
  req.on('error', reject);
  req.end();
});

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 5));
};

describe('draining for shutdown (issue 19)', () => {
  test('a request in flight gets its answer; meanwhile /readyz says draining on a kept-alive connection and new connections are refused', async () => {
    const s = await server();
    const busy = new Agent({ keepAlive: true, maxSockets: 1 });
    const probe = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await call(`${s.url}/healthz`, 'GET', probe)).status).toBe(200);
    const inFlight = call(`${s.url}/graphql`, 'POST', busy);
    await until(() => s.drain.requestsInFlight === 1);
    const drained = s.drain.drain(s.http, 5_000);
    const ready = await call(`${s.url}/readyz`, 'GET', probe);
    expect(ready).toMatchObject({ status: 503, body: '{"status":"draining"}', connection: 'close' });
    await expect(call(`${s.url}/healthz`, 'GET', new Agent())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    s.release();
    expect(await inFlight).toMatchObject({ status: 200, body: 'answered', connection: 'close' });
    expect(await drained).toEqual({ forced: false });
    expect(s.http.listening).toBe(false);
    busy.destroy();
    probe.destroy();
  });

  test('past the deadline the connections left are cut, and the drain says so', async () => {
    const s = await server();
    const agent = new Agent({ keepAlive: true });
    const stuck = call(`${s.url}/graphql`, 'POST', agent);
    await until(() => s.drain.requestsInFlight === 1);
    expect(await s.drain.drain(s.http, 200)).toEqual({ forced: true });
    await expect(stuck).rejects.toMatchObject({ code: 'ECONNRESET' });
    s.release();
    agent.destroy();
  });
});
