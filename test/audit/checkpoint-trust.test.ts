import { generateKeyPairSync } from 'node:crypto';
import { entryFromRow } from '../../src/audit/AccessLogEntry.js';
import { rowHash } from '../../src/audit/canonical.js';
import { GENESIS, linkHash } from '../../src/audit/chain.js';
import { sealAll, writeCheckpoint } from '../../src/audit/sealer.js';
import { startSealer, type SealerLoop } from '../../src/audit/sealer-loop.js';
import { checkpointMessage, checkpointSigner, DEVELOPMENT_AUDIT_SEED, keyIdOf } from '../../src/audit/signing.js';
import { digestOfSeal } from '../../src/audit/verify.js';
import { sealEverything } from './seal-everything.js';
import { onServer, startTestServer, type TestServer } from '../support/server.js';
import { asIntruder } from '../support/log-rows.js';

// Issue 16, findings 3 and 9: checkpoints are checked with the configured public keys, a row must be
// covered by a checkpoint signed soon after it, and rows the API did not write are found.
const MAX_AGE_MS = 6000;
let s: TestServer;
let loop: SealerLoop | undefined;
const signer = checkpointSigner(DEVELOPMENT_AUDIT_SEED);

beforeEach(async () => {
  s = await startTestServer({ env: { AUDIT_CHECKPOINT_MAX_AGE_MS: String(MAX_AGE_MS) } });
  // As src/main.ts runs it, faster: rows sealed within 100 ms, the head signed every 200 ms.
  loop = startSealer(s.orm, signer, { sealEveryMs: 100, checkpointEveryMs: 200 });
});
afterEach(async () => {
  await loop?.stop();
  await s.stop();
});

const VERIFY = '{ verifyAccessLog { ok checked firstBrokenId problem } }';
const verify = async () => (await s.gql('auditor', VERIFY, { purpose: 'SUPERVISION_AUDIT' })).body.data.verifyAccessLog;
const traffic = async (n: number, tag: string) => {
  for (let i = 0; i < n; i++) {
    await s.gql('case-manager-a', '{ person(id: "person-a1") { surname medicalNotes } }', { purpose: 'DETENTION_MANAGEMENT', justification: `${tag}-${i}` });
  }
};
/** Lets the loop seal and sign what was written, then stops it and signs the head: the intruder works on a still, signed log. */
const settle = async () => {
  await new Promise((r) => setTimeout(r, 400));
  await loop!.stop();
  loop = undefined;
  await sealEverything(s);
  await s.orm.em.fork().transactional((tx) => writeCheckpoint(tx, signer, new Date()));
};

/**
 * The review's attack as a superuser: the row deleted, every seal from its own on recomputed without
 * it, and every checkpoint signed again with the intruder's key (under the key id given).
 */
async function deleteRowAndResign(rowId: string, intruderKey: ReturnType<typeof generateKeyPairSync>, keyId: (own: string) => string) {
  const seals = await s.sql<{
    position: string; format: number; entry_ids: string[]; entry_seqs: string[]; entry_ats: Date[] | null; row_hashes: string[]; chain_hash: string;
  }>(`select position, format, entry_ids::text[] as entry_ids, entry_seqs::text[] as entry_seqs, entry_ats, row_hashes, chain_hash
    from access_log_seal order by position`);
  const statements = [`delete from access_log where id = '${rowId}'`];
  let previous = GENESIS;
  const chain = new Map<string, string>();
  for (const seal of seals) {
    const keep = seal.entry_ids.map((id, i) => i).filter((i) => seal.entry_ids[i] !== rowId);
    const pick = <T>(list: T[] | null) => (list ? keep.map((i) => list[i]) : null);
    const lists = { ...seal, entry_ids: pick(seal.entry_ids), entry_seqs: pick(seal.entry_seqs), entry_ats: pick(seal.entry_ats), row_hashes: pick(seal.row_hashes) };
    const digest = digestOfSeal(lists as never);
    previous = linkHash(previous, String(seal.position), digest);
    chain.set(String(seal.position), previous);
    statements.push(`update access_log_seal set entry_ids = '{${lists.entry_ids!.join(',')}}', entry_seqs = '{${lists.entry_seqs!.join(',')}}',
      row_hashes = '{${lists.row_hashes!.join(',')}}', entry_ats = ${lists.entry_ats ? `'{${lists.entry_ats.map((d) => `"${new Date(d).toISOString()}"`).join(',')}}'` : 'null'},
      digest = '${digest}', chain_hash = '${previous}' where position = ${seal.position}`);
  }
  const publicPem = intruderKey.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const { sign } = await import('node:crypto');
  for (const cp of await s.sql<{ position: string; signed_at: Date }>(`select position, signed_at from access_log_checkpoint order by position`)) {
    const hash = chain.get(String(cp.position))!;
    const signature = sign(null, Buffer.from(checkpointMessage(String(cp.position), hash, new Date(cp.signed_at))), intruderKey.privateKey).toString('base64');
    statements.push(`update access_log_checkpoint set chain_hash = '${hash}', public_key = '${publicPem}', signature = '${signature}',
      key_id = '${keyId(keyIdOf(publicPem))}' where position = ${cp.position}`);
  }
  await asIntruder(s, ...statements);
}

describe('R5 R10 checkpoints are trusted by the configured public keys, never by the database', () => {
  onServer('R10 with the sealer signing as it runs, an untouched log verifies', async () => {
    await traffic(4, 'plain');
    await new Promise((r) => setTimeout(r, 400));
    expect(await verify()).toMatchObject({ ok: true, problem: null });
  });

  onServer('R10 the review\'s attack: a row deleted, seals and chain recomputed, checkpoints signed again with another key under the trusted key id: CHECKPOINT_INVALID', async () => {
    await traffic(4, 'attack');
    await settle();
    expect(await verify()).toMatchObject({ ok: true });
    const [victim] = await s.sql<{ id: string }>(`select id from access_log where justification = 'attack-1' order by seq limit 1`);
    await deleteRowAndResign(victim.id, generateKeyPairSync('ed25519'), () => signer.keyId);
    // Before, verification took the public key stored beside the signature, and answered ok.
    expect(await verify()).toMatchObject({ ok: false, problem: 'CHECKPOINT_INVALID' });
  });

  onServer('R10 the same under the intruder\'s own key id: CHECKPOINT_UNKNOWN_KEY', async () => {
    await traffic(3, 'own-key');
    await settle();
    const [victim] = await s.sql<{ id: string }>(`select id from access_log where justification = 'own-key-1' order by seq limit 1`);
    await deleteRowAndResign(victim.id, generateKeyPairSync('ed25519'), (own) => own);
    expect(await verify()).toMatchObject({ ok: false, problem: 'CHECKPOINT_UNKNOWN_KEY' });
  });

  onServer('R10 deleted checkpoints, and history signed again later with the genuine key, are NOT_CHECKPOINTED', async () => {
    await traffic(3, 'deleted');
    await settle();
    expect(await verify()).toMatchObject({ ok: true });
    const [first] = await s.sql(`select entry_ids[1]::text as id from access_log_seal order by position limit 1`);
    await asIntruder(s, 'delete from access_log_checkpoint');
    // Young rows may still be pending; once older than the configured age, they must be covered.
    await new Promise((r) => setTimeout(r, MAX_AGE_MS + 200));
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: first.id, problem: 'NOT_CHECKPOINTED' });
    // Whoever rewrote history and got the head signed again now: the checkpoint came too late.
    const em = s.orm.em.fork();
    await sealAll(em, new Date());
    await em.transactional((tx) => writeCheckpoint(tx, signer, new Date()));
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: first.id, problem: 'NOT_CHECKPOINTED' });
  });

  onServer('R10 accessLogCheckpoints answers position and the other fields (was INTERNAL_SERVER_ERROR)', async () => {
    await traffic(1, 'cp');
    await new Promise((r) => setTimeout(r, 400));
    const res = await s.gql('auditor', '{ accessLogCheckpoints(last: 5) { position chainHash signedAt keyId publicKey signature } }', { purpose: 'SUPERVISION_AUDIT' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.accessLogCheckpoints.length).toBeGreaterThan(0);
    expect(res.body.data.accessLogCheckpoints[0]).toMatchObject({ position: expect.stringMatching(/^\d+$/), keyId: signer.keyId });
  });
});

describe('R5 R10 the application role cannot forge rows (issue 16, finding 9)', () => {
  onServer('R10 as ntk_app, a row\'s time, sequence number and transaction cannot be chosen', async () => {
    await traffic(1, 'columns');
    const [row] = await s.sql<{ policy_revision: string }>(`select * from access_log where justification = 'columns-0' limit 1`);
    const copy = (extra: string, value: string) => `insert into access_log (id, request_id, action, outcome, principal_id, principal_category,
      recipient_id, recipient_category, subject_type, fields, categories, policy_revision, hash, ${extra})
      values (gen_random_uuid(), 'r', 'consult', 'GRANTED', 'p', 'c', 'p', 'c', 'Person', '{}', '{}', '${row.policy_revision}', 'h', ${value})`;
    for (const [column, value] of [['at', `'2020-01-01'`], ['seq', '1'], ['tx', `'1'::xid8`]]) {
      await expect(s.sql(`set role ntk_app; ${copy(column, value)}`)).rejects.toThrow(/permission denied/);
      await s.sql('reset role');
    }
  });

  onServer('R10 a row slipped in by the application role, with a correct hash, is found as ROW_FORGED, at the database\'s time', async () => {
    await traffic(2, 'forged');
    const [row] = await s.sql(`select * from access_log where justification = 'forged-0' limit 1`);
    // A genuine-looking row: its id made now, its hash right; its MAC cannot be made without the API's key.
    const { timeOrderedIds } = await import('../../src/audit/ids.js');
    const forged = Object.assign(entryFromRow(row), { id: timeOrderedIds(Date.now())(), justification: 'forged backdated', principalId: 'dpo' });
    forged.hash = rowHash(forged);
    const columns = {
      id: forged.id, request_id: forged.requestId, action: forged.action, outcome: forged.outcome, reason: forged.reason,
      principal_id: forged.principalId, principal_category: forged.principalCategory, client: forged.client, recipient_id: forged.recipientId,
      recipient_category: forged.recipientCategory, purpose: forged.purpose, processing_record_version: forged.processingRecordVersion,
      justification: forged.justification, subject_type: forged.subjectType, subject_id: forged.subjectId, person_id: forged.personId,
      fields: forged.fields, categories: forged.categories, operation_name: forged.operationName, operation_id: forged.operationId,
      policy_revision: forged.policyRevision, hash: forged.hash, mac: 'A'.repeat(22),
    };
    await s.sql('set role ntk_app');
    try {
      await s.sql(`insert into access_log (${Object.keys(columns).join(', ')}) values (${Object.keys(columns).map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(columns));
    } finally {
      await s.sql('reset role');
    }
    const [stored] = await s.sql<{ at: Date }>(`select at from access_log where id = $1`, [forged.id]);
    expect(Math.abs(new Date(stored.at).getTime() - Date.now())).toBeLessThan(60_000);
    await new Promise((r) => setTimeout(r, 400));
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: forged.id, problem: 'ROW_FORGED' });
  });
});
