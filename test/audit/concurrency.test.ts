import { startSealer } from '../../src/audit/sealer-loop.js';
import { sealAll } from '../../src/audit/sealer.js';
import { checkpointSigner, DEVELOPMENT_AUDIT_SEED } from '../../src/audit/signing.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

// 50 clients × 200 requests on a PostgreSQL server; a smaller run on the embedded database.
const CLIENTS = process.env.DATABASE_URL ? 50 : 5;
const REQUESTS = process.env.DATABASE_URL ? 200 : 10;

describe('R10 the log under concurrent load', () => {
  test(`R10 ${CLIENTS} concurrent clients × ${REQUESTS} requests leave exactly one set of rows per answered request and an intact chain`, async () => {
    const signer = checkpointSigner(DEVELOPMENT_AUDIT_SEED);
    // Two sealers, as two API processes on one database would run them.
    const sealers = [1, 2].map(() => startSealer(s.orm, signer, { sealEveryMs: 20, checkpointEveryMs: 500 }));
    const tokens = await Promise.all(['case-manager-a', 'case-manager-b'].map((id) => s.token(id)));
    const answered: string[] = [];
    await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < REQUESTS; i++) {
        const tag = `load-${c}-${i}`;
        const res = await s.post(JSON.stringify({ query: '{ person(id: "person-a1") { surname medicalNotes } }' }), {
          authorization: `Bearer ${tokens[c % 2]}`, 'x-purpose': 'DETENTION_MANAGEMENT', 'x-justification': tag,
        });
        if (res.status === 200) answered.push(tag);
        await res.text();
      }
    }));
    await Promise.all(sealers.map((x) => x.stop()));
    await sealAll(s.orm.em.fork(), new Date());

    expect(answered).toHaveLength(CLIENTS * REQUESTS);
    const perRequest = await s.sql<{ justification: string; requests: number; rows: number }>(`select justification, count(distinct request_id)::int as requests, count(*)::int as rows
      from access_log where justification like 'load-%' group by justification`);
    expect(perRequest).toHaveLength(CLIENTS * REQUESTS);
    // Client c reads with case manager A (granted + denied rows) or B (one row-condition denial).
    const expectedRows = (tag: string) => (Number(tag.split('-')[1]) % 2 === 0 ? 2 : 1);
    expect(perRequest.filter((r) => r.requests !== 1 || r.rows !== expectedRows(r.justification))).toEqual([]);

    const [{ n }] = await s.sql('select count(*)::int as n from access_log');
    const v = (await s.gql('auditor', '{ verifyAccessLog { ok checked problem } }', { purpose: 'SUPERVISION_AUDIT' })).body.data.verifyAccessLog;
    expect(v).toEqual({ ok: true, checked: n, problem: null });
    const [{ gaps }] = await s.sql(`select (max(position) - count(*))::int as gaps from access_log_seal`);
    expect(gaps).toBe(0);
    expect((await s.sql('select count(*)::int as n from access_log_checkpoint'))[0].n).toBeGreaterThan(0);
  }, 600_000);
});
