import { sealAll, writeCheckpoint } from '../../src/audit/sealer.js';
import { checkpointSigner, DEVELOPMENT_AUDIT_SEED } from '../../src/audit/signing.js';
import { onServer, startTestServer, type TestServer } from '../support/server.js';
import { asIntruder } from '../support/log-rows.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const VERIFY = '{ verifyAccessLog { ok checked firstBrokenId problem headPosition headHash } }';
const verify = async () => (await s.gql('auditor', VERIFY, { purpose: 'SUPERVISION_AUDIT' })).body.data.verifyAccessLog;


async function someTraffic(n: number, tag: string, from = 0): Promise<void> {
  for (let i = from; i < from + n; i++) {
    await s.gql('case-manager-a', '{ person(id: "person-a1") { surname medicalNotes } }', { purpose: 'DETENTION_MANAGEMENT', justification: `${tag}-${i}` });
  }
}

// Two seals: requests seed-0 to seed-2, then seed-3 to seed-5 and whatever the tests add.
beforeAll(async () => {
  await someTraffic(3, 'seed');
  await sealAll(s.orm.em.fork(), new Date());
  await someTraffic(3, 'seed', 3);
});

describe('R5 R10 append-only', () => {
  onServer('the application role cannot UPDATE, DELETE or TRUNCATE log rows', async () => {
    for (const sql of ['update access_log set reason = null', 'delete from access_log', 'truncate access_log',
      'update access_log_seal set digest = null', 'delete from access_log_checkpoint']) {
      await expect(s.sql(`set role ntk_app; ${sql}`)).rejects.toThrow(/permission denied|append-only/);
      await s.sql('reset role');
    }
  });

  onServer('triggers refuse UPDATE, DELETE and TRUNCATE even to the owner, partitions included', async () => {
    await expect(s.sql(`update access_log set reason = 'x'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(s.sql('delete from access_log')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(s.sql('truncate access_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    const [part] = await s.sql<{ name: string }>(`select tableoid::regclass::text as name from access_log limit 1`);
    await expect(s.sql(`truncate ${part.name}`)).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  onServer('R5 no partition with rows younger than 10 years can be dropped', async () => {
    const [part] = await s.sql<{ name: string }>(`select tableoid::regclass::text as name from access_log limit 1`);
    await expect(s.sql(`select access_log_drop_partition($1)`, [part.name])).rejects.toThrow(/younger than 10 years/);
  });
});

describe('R10 tamper evidence: verifyAccessLog', () => {
  test('an untouched log verifies, every row checked', async () => {
    const [{ n }] = await s.sql('select count(*)::int as n from access_log');
    const v = await verify();
    expect(v).toMatchObject({ ok: true, firstBrokenId: null, problem: null });
    // The verification request's own rows are written after it answers.
    expect(v.checked).toBe(n);
  });

  onServer('a changed row is found at that row', async () => {
    const [row] = await s.sql<{ id: string; reason: string }>(`select id, reason from access_log where justification = 'seed-2' and outcome = 'DENIED'`);
    await asIntruder(s, `update access_log set reason = 'ROW_CONDITION' where id = '${row.id}'`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: row.id, problem: 'ROW_CHANGED' });
    await asIntruder(s, `update access_log set reason = '${row.reason}' where id = '${row.id}'`);
    expect((await verify()).ok).toBe(true);
  });

  onServer('a deleted row is found at that row', async () => {
    const [row] = await s.sql<{ id: string }>(`select * from access_log where justification = 'seed-3' and outcome = 'GRANTED'`);
    await asIntruder(s, `delete from access_log where id = '${row.id}'`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: row.id, problem: 'ROW_DELETED' });
    await asIntruder(s, `insert into access_log select * from json_populate_record(null::access_log, '${JSON.stringify(row).replace(/'/g, "''")}'::json)`);
    expect((await verify()).ok).toBe(true);
  });

  onServer('a row slipped in is found', async () => {
    const [row] = await s.sql(`select * from access_log where justification = 'seed-4' and outcome = 'GRANTED'`);
    const forged = { ...row, id: '00000000-0000-4000-8000-000000000001', seq: 999999, justification: 'forged' };
    await asIntruder(s, `insert into access_log select * from json_populate_record(null::access_log, '${JSON.stringify(forged).replace(/'/g, "''")}'::json)`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: forged.id, problem: 'ROW_INSERTED' });
    await asIntruder(s, `delete from access_log where id = '${forged.id}'`);
    expect((await verify()).ok).toBe(true);
  });

  onServer('reordered rows are found', async () => {
    const [a] = await s.sql<{ id: string; seq: string }>(`select id, seq from access_log where justification = 'seed-0' and outcome = 'GRANTED'`);
    const [b] = await s.sql<{ id: string; seq: string }>(`select id, seq from access_log where justification = 'seed-1' and outcome = 'GRANTED'`);
    await asIntruder(s, `update access_log set seq = ${b.seq} where id = '${a.id}'`, `update access_log set seq = ${a.seq} where id = '${b.id}'`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: a.id, problem: 'ROW_REORDERED' });
    await asIntruder(s, `update access_log set seq = ${a.seq} where id = '${a.id}'`, `update access_log set seq = ${b.seq} where id = '${b.id}'`);
    // Swapping two seals breaks the chain at the first of them.
    const [c, d] = await s.sql<{ position: string; entry_id: string }>(`select position, entry_ids[1] as entry_id from access_log_seal order by position limit 2`);
    const swap = [`update access_log_seal set position = -1 where position = ${c.position}`,
      `update access_log_seal set position = ${c.position} where position = ${d.position}`,
      `update access_log_seal set position = ${d.position} where position = -1`];
    await asIntruder(s, ...swap);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: d.entry_id, problem: 'CHAIN_BROKEN' });
    await asIntruder(s, ...swap);
    expect((await verify()).ok).toBe(true);
  });

  onServer('R10 a rewritten chain (row and every later link recomputed) is caught: the row lacks the API\'s MAC', async () => {
    const signer = checkpointSigner(DEVELOPMENT_AUDIT_SEED);
    const em = s.orm.em.fork();
    await sealAll(em, new Date());
    await em.transactional((tx) => writeCheckpoint(tx, signer, new Date()));
    expect((await verify()).ok).toBe(true);

    // The intruder changes a row and recomputes its hash, its seal and every later link: the row's MAC
    // (keyed by the API) and the signed checkpoint can tell; the MAC is met first.
    const [target] = await s.sql<{ id: string }>(`select id from access_log where outcome = 'DENIED' order by tx, seq limit 1`);
    const { rowHash } = await import('../../src/audit/canonical.js');
    const { linkHash } = await import('../../src/audit/chain.js');
    const { digestOfSeal } = await import('../../src/audit/verify.js');
    const { entryFromRow } = await import('../../src/audit/AccessLogEntry.js');
    const [stored] = await s.sql(`select * from access_log where id = $1`, [target.id]);
    const newHash = rowHash(Object.assign(entryFromRow(stored), { outcome: 'GRANTED', reason: null }));
    const seals = await s.sql<{ position: string; format: number; ids: string[]; entry_seqs: string[]; entry_ats: Date[] | null; row_hashes: string[] }>(`select position, format, entry_ids::text[] as ids, entry_seqs::text[], entry_ats, row_hashes
      from access_log_seal order by position`);
    let previous = '0'.repeat(64);
    const statements = [`update access_log set outcome = 'GRANTED', reason = null, hash = '${newHash}' where id = '${target.id}'`];
    for (const seal of seals) {
      const hashes = seal.row_hashes.map((h, i) => (seal.ids[i] === target.id ? newHash : h));
      const digest = digestOfSeal({ ...seal, row_hashes: hashes });
      previous = linkHash(previous, String(seal.position), digest);
      statements.push(`update access_log_seal set row_hashes = '{${hashes.join(',')}}', digest = '${digest}', chain_hash = '${previous}'
        where position = ${seal.position}`);
    }
    await asIntruder(s, ...statements);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: target.id, problem: 'ROW_FORGED' });
  });
});
