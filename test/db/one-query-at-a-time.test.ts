import pg from 'pg';
import { oneQueryAtATime } from '../../src/db/one-query-at-a-time.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** A pg client that fails the test if a query arrives while another runs, as pg 9 will. */
function strictClient() {
  let busy = false;
  const order: string[] = [];
  const run = (sql: string) => {
    if (busy) throw new Error(`overlapping query: ${sql}`);
    busy = true;
    order.push(sql);
    return new Promise((resolve) => setTimeout(() => { busy = false; resolve({ rows: [sql] }); }, 5));
  };
  return {
    order,
    query(sql: string, cb?: (err: unknown, res?: unknown) => void): unknown {
      const p = run(sql);
      // Not awaited, as pg's callback form does not: run's promise never rejects (an overlap throws before it is made).
      if (cb) { void p.then((r) => cb(null, r)); return undefined; }
      return p;
    },
  };
}

describe('R10 one query at a time on a connection', () => {
  test('R10 queries sent side by side, promise and callback style, run one after the other in the order sent', async () => {
    const client = oneQueryAtATime(strictClient());
    const a = client.query('a');
    const b = new Promise((resolve) => client.query('b', (_e, r) => resolve(r)));
    const c = client.query('c');
    const results = await Promise.all([a, b, c]);
    expect(results).toEqual([{ rows: ['a'] }, { rows: ['b'] }, { rows: ['c'] }]);
    expect(client.order).toEqual(['a', 'b', 'c']);
  });

  let s: TestServer;
  beforeAll(async () => { s = await startTestServer(); });
  afterAll(async () => { await s.stop(); });

  test('R10 a writing request whose resolvers load side by side in its transaction never sends a query while another runs', async () => {
    // What pg deprecates (and pg 9 refuses): a query handed to a client that is still running one.
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    let overlapping = 0;
    proto.query = function (this: { activeQuery?: unknown; queryQueue?: unknown[] }, ...args: unknown[]) {
      if (this.activeQuery || (this.queryQueue?.length ?? 0) > 0) overlapping++;
      return original.apply(this, args);
    };
    try {
      // verifyAccessLog writes (it seals first), so the whole request is one transaction; the persons'
      // placements and dossiers are DataLoaders of the same tick, and each dossier's entries a query of its own.
      const res = await s.gql('dpo', `{ verifyAccessLog { ok } a: person(id: "person-a1") { placements { institution } dossiers { id entries { edges { node { id } } } } }
        b: person(id: "person-a2") { placements { institution } dossiers { id entries { edges { node { id } } } } } }`, { purpose: 'SUBJECT_RIGHTS' });
      expect(res.body.errors).toBeUndefined();
    } finally {
      proto.query = original;
    }
    expect(overlapping).toBe(0);
  });
});
