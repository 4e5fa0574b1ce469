import { createHash } from 'node:crypto';
import { sealAll, writeCheckpoint } from '../../src/audit/sealer.js';
import { checkpointSigner, DEVELOPMENT_AUDIT_SEED } from '../../src/audit/signing.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const onServer = process.env.DATABASE_URL ? test : test.skip;
const VERIFY = '{ verifyAccessLog { ok checked firstBrokenId problem headPosition headHash } }';
const verify = async () => (await s.gql('auditor', VERIFY, { purpose: 'SUPERVISION_AUDIT' })).body.data.verifyAccessLog;

/** Statements as a database superuser who has switched triggers off: what an intruder could do. */
async function asIntruder(...statements: string[]): Promise<void> {
  await s.sql('set session_replication_role = replica');
  try {
    for (const sql of statements) await s.sql(sql);
  } finally {
    await s.sql('set session_replication_role = origin');
  }
}

async function someTraffic(n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await s.gql('case-manager-a', '{ person(id: "person-a1") { surname medicalNotes } }', { purpose: 'DETENTION_MANAGEMENT', justification: `${tag}-${i}` });
  }
}

beforeAll(async () => { await someTraffic(6, 'seed'); });

describe('R5 R10 append-only', () => {
  onServer('the application role cannot UPDATE, DELETE or TRUNCATE log rows', async () => {
    for (const sql of ['update access_log set reason = null', 'delete from access_log', 'truncate access_log',
      'update access_log_chain set row_hash = null', 'delete from access_log_checkpoint']) {
      await expect(s.sql(`set role ntk_app; ${sql}`)).rejects.toThrow(/permission denied|append-only/);
      await s.sql('reset role');
    }
  });

  onServer('triggers refuse UPDATE, DELETE and TRUNCATE even to the owner, partitions included', async () => {
    await expect(s.sql(`update access_log set reason = 'x'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(s.sql('delete from access_log')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(s.sql('truncate access_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    const [part] = await s.sql(`select tableoid::regclass::text as name from access_log limit 1`);
    await expect(s.sql(`truncate ${part.name}`)).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  onServer('R5 no partition with rows younger than 10 years can be dropped', async () => {
    const [part] = await s.sql(`select tableoid::regclass::text as name from access_log limit 1`);
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
    const [row] = await s.sql(`select id, reason from access_log where justification = 'seed-2' and outcome = 'DENIED'`);
    await asIntruder(`update access_log set reason = 'ROW_CONDITION' where id = '${row.id}'`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: row.id, problem: 'ROW_CHANGED' });
    await asIntruder(`update access_log set reason = '${row.reason}' where id = '${row.id}'`);
    expect((await verify()).ok).toBe(true);
  });

  onServer('a deleted row is found at that row', async () => {
    const [row] = await s.sql(`select * from access_log where justification = 'seed-3' and outcome = 'GRANTED'`);
    await asIntruder(`delete from access_log where id = '${row.id}'`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: row.id, problem: 'ROW_DELETED' });
    await asIntruder(`insert into access_log select * from json_populate_record(null::access_log, '${JSON.stringify(row).replace(/'/g, "''")}'::json)`);
    expect((await verify()).ok).toBe(true);
  });

  onServer('a row slipped in is found', async () => {
    const [row] = await s.sql(`select * from access_log where justification = 'seed-4' and outcome = 'GRANTED'`);
    const forged = { ...row, id: '00000000-0000-4000-8000-000000000001', seq: 999999, justification: 'forged' };
    await asIntruder(`insert into access_log select * from json_populate_record(null::access_log, '${JSON.stringify(forged).replace(/'/g, "''")}'::json)`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: forged.id, problem: 'ROW_INSERTED' });
    await asIntruder(`delete from access_log where id = '${forged.id}'`);
    expect((await verify()).ok).toBe(true);
  });

  onServer('reordered rows are found', async () => {
    const [a] = await s.sql(`select id, seq from access_log where justification = 'seed-0' and outcome = 'GRANTED'`);
    const [b] = await s.sql(`select id, seq from access_log where justification = 'seed-1' and outcome = 'GRANTED'`);
    await asIntruder(`update access_log set seq = ${b.seq} where id = '${a.id}'`, `update access_log set seq = ${a.seq} where id = '${b.id}'`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: a.id, problem: 'ROW_REORDERED' });
    await asIntruder(`update access_log set seq = ${a.seq} where id = '${a.id}'`, `update access_log set seq = ${b.seq} where id = '${b.id}'`);
    // Swapping two links of the chain breaks it at the first of them.
    const [c, d] = await s.sql(`select position, entry_id from access_log_chain order by position limit 2`);
    const swap = [`update access_log_chain set position = -1 where position = ${c.position}`,
      `update access_log_chain set position = ${c.position} where position = ${d.position}`,
      `update access_log_chain set position = ${d.position} where position = -1`];
    await asIntruder(...swap);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: d.entry_id, problem: 'CHAIN_BROKEN' });
    await asIntruder(...swap);
    expect((await verify()).ok).toBe(true);
  });

  onServer('a rewritten chain (row and every later link recomputed) is caught by the signed checkpoint', async () => {
    const signer = checkpointSigner(DEVELOPMENT_AUDIT_SEED);
    const em = s.orm.em.fork();
    await sealAll(em, new Date());
    await em.transactional((tx) => writeCheckpoint(tx, signer, new Date()));
    expect((await verify()).ok).toBe(true);

    // The intruder changes a row and recomputes its hash and the chain after it: only the signature can tell.
    const [link] = await s.sql(`select c.position, l.id from access_log_chain c join access_log l on l.id = c.entry_id
      where l.outcome = 'DENIED' order by c.position limit 1`);
    const { rowHash } = await import('../../src/audit/canonical.js');
    const { linkHash } = await import('../../src/audit/chain.js');
    const [entity] = await s.orm.em.fork().getConnection().execute(`select * from access_log where id = ?`, [link.id]);
    const { AccessLogEntry } = await import('../../src/audit/AccessLogEntry.js');
    const changed = Object.assign(new AccessLogEntry(), {
      id: entity.id, at: new Date(entity.at), requestId: entity.request_id, action: entity.action, outcome: 'GRANTED', reason: null,
      principalId: entity.principal_id, principalCategory: entity.principal_category, client: entity.client, recipientId: entity.recipient_id,
      recipientCategory: entity.recipient_category, purpose: entity.purpose, processingRecordVersion: entity.processing_record_version,
      justification: entity.justification, subjectType: entity.subject_type, subjectId: entity.subject_id, personId: entity.person_id,
      fields: entity.fields, categories: entity.categories, operationName: entity.operation_name, operationId: entity.operation_id,
      policyRevision: entity.policy_revision,
    });
    const newHash = rowHash(changed);
    const links = await s.sql(`select position, row_hash from access_log_chain where position >= $1 order by position`, [link.position]);
    const [prev] = await s.sql(`select chain_hash from access_log_chain where position = $1`, [Number(link.position) - 1]);
    let previous = prev?.chain_hash ?? '0'.repeat(64);
    const statements = [`update access_log set outcome = 'GRANTED', reason = null, hash = '${newHash}' where id = '${link.id}'`];
    for (const l of links) {
      const h = l.position === link.position ? newHash : l.row_hash;
      previous = linkHash(previous, String(l.position), h);
      statements.push(`update access_log_chain set row_hash = '${h}', chain_hash = '${previous}' where position = ${l.position}`);
    }
    await asIntruder(...statements);
    expect(await verify()).toMatchObject({ ok: false, problem: 'CHECKPOINT_INVALID' });
    expect(createHash('sha256').update(newHash).digest('hex')).toHaveLength(64);
  });
});
