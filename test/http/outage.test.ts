import { startTestServer, type TestServer } from '../support/server.js';

/** Issue 18: the handler's bare catch around authentication answered a database outage as 401. */
describe('R10 R15 an outage is told apart from a bad token', () => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer(); });
  afterAll(async () => { await s.stop(); });

  test('R15 when the caller cannot be read from the database, the answer is 503 SERVICE_UNAVAILABLE, not UNAUTHENTICATED', async () => {
    const token = await s.token('case-manager-a');
    // The pools the caller is read from are gone: what an outage looks like to the request path.
    await (s.readOrm ?? s.orm).close(true);
    const res = await s.post(JSON.stringify({ query: '{ me { id } }' }), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(503);
    expect((await res.json()).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  test('R15 a bad token is still UNAUTHENTICATED', async () => {
    const res = await s.post(JSON.stringify({ query: '{ me { id } }' }), { authorization: 'Bearer a.b.c' });
    expect(res.status).toBe(401);
  });
});
