import type { EntityManager } from '@mikro-orm/postgresql';
import { ReplicaReads } from '../../src/db/replica-reads.js';
import { operationsDir, readOperations } from '../../src/persisted/manifest.js';
import { describeWithReplica, startReplicaServer, type ReplicaServer } from '../support/replica-server.js';

const PERSON = '{ person(id: "person-a1") { surname restriction { active } } }';
const FINGERPRINT = '{ person(id: "person-a1") { surname fingerprintReference } }';
const LOG = 'query($f: AccessLogFilter) { accessLog(filter: $f, first: 100) { edges { node { requestId principalId } } } }';

const inRecovery = async (em: EntityManager) =>
  (await em.getConnection().execute<{ r: boolean }[]>('select pg_is_in_recovery() as r'))[0].r;

describeWithReplica('DATABASE_READ_URL: reads on a streaming replica, decisions on the primary', () => {
  let s: ReplicaServer;
  beforeAll(async () => { s = await startReplicaServer(); }, 60_000);
  afterAll(async () => { await s?.stop(); });
  afterEach(async () => { await s.resumeReplay(); });

  test('a read the replica has caught up for runs there; the log\'s searches run there even while it lags; otherwise the primary serves', async () => {
    const reads = new ReplicaReads(s.orms.replicaOrm!);
    const primaryEm = () => s.orms.readOrm!.em.fork();
    await s.caughtUp();
    expect(await inRecovery(await reads.sessionFor({ query: PERSON }, primaryEm()))).toBe(true);
    expect(await inRecovery(await reads.sessionFor({ query: LOG }, primaryEm()))).toBe(true);

    await s.pauseReplay();
    await s.primary(`update person set surname = surname where id = 'person-a1'`);
    expect(await inRecovery(await reads.sessionFor({ query: PERSON }, primaryEm()))).toBe(false);
    expect(await inRecovery(await reads.sessionFor({ query: LOG }, primaryEm()))).toBe(true);
    // A document that mixes the log with anything else, or cannot be read, takes the cautious way.
    expect(await inRecovery(await reads.sessionFor({ query: `{ accessLog(first: 1) { edges { cursor } } me { id } }` }, primaryEm()))).toBe(false);
    expect(await inRecovery(await reads.sessionFor({}, primaryEm()))).toBe(false);
  });

  test('R11 with the replica paused, a revoked client system and a revoked designation are refused on the very next request', async () => {
    const received = readOperations(operationsDir).find((o) => o.name === 'ReceivedDisclosures')!;
    await s.caughtUp();
    expect((await s.post({ documentId: received.id }, 'municipality-x')).body.errors).toBeUndefined();
    expect((await s.gql('id-officer', FINGERPRINT, { purpose: 'IDENTIFICATION_OF_DETAINEES' })).body.data.person.fingerprintReference).toBe('AFIS-100001');
    const designations = await s.gql('dpo', '{ designations(processing: "IDENTIFICATION_OF_DETAINEES") { id staffMemberId } }', { purpose: 'SUPERVISION_AUDIT' });
    const designation = designations.body.data.designations.find((d: { staffMemberId: string }) => d.staffMemberId === 'id-officer');

    await s.pauseReplay();
    const revoked = await s.gql('dpo', 'mutation { revokeClient(clientId: "municipality-x", reason: "security incident") { active } }');
    expect(revoked.body.data.revokeClient).toEqual({ active: false });
    expect((await s.gql('dpo', `mutation { revokeDesignation(id: "${designation.id}") { active } }`)).body.data.revokeDesignation).toEqual({ active: false });
    // The replica still has both as they were: it lags.
    expect(await s.replica(`select active from client_system where id = 'municipality-x'`)).toEqual([{ active: true }]);
    expect(await s.replica(`select revoked_at from designation where id = $1`, [designation.id])).toEqual([{ revoked_at: null }]);

    const refused = await s.post({ documentId: received.id }, 'municipality-x');
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const officer = await s.gql('id-officer', FINGERPRINT, { purpose: 'IDENTIFICATION_OF_DETAINEES' });
    expect(officer.body.data.person.fingerprintReference).toBeNull();
    expect(officer.body.errors.find((e: { path: string[] }) => e.path.join('.') === 'person.fingerprintReference').extensions.reason).toBe('NOT_DESIGNATED');
  });

  test('R22 with the replica paused, a person restricted a moment ago is read as restricted (the read goes to the primary)', async () => {
    await s.caughtUp();
    expect((await s.gql('case-manager-a', PERSON, { purpose: 'DETENTION_MANAGEMENT' })).body.data.person).toEqual({ surname: 'Jansen', restriction: { active: false } });
    await s.pauseReplay();
    const restricted = await s.gql('dpo', 'mutation { restrictProcessing(personId: "person-a1", reason: "accuracy contested") { action } }', { purpose: 'SUBJECT_RIGHTS' });
    expect(restricted.body.errors).toBeUndefined();
    expect(await s.replica(`select restriction_active from person where id = 'person-a1'`)).toEqual([{ restriction_active: false }]);
    const after = await s.gql('case-manager-a', PERSON, { purpose: 'DETENTION_MANAGEMENT' });
    expect(after.body.data.person).toEqual({ surname: null, restriction: { active: true } });
    expect(after.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RESTRICTED' });
  });

  test('R10 the auditor\'s search runs on the replica: rows written while it is paused appear once it replays them; the log is written on the primary', async () => {
    await s.caughtUp();
    await s.pauseReplay();
    await s.gql('case-manager-b', '{ person(id: "person-b1") { surname } }', { purpose: 'DETENTION_MANAGEMENT' });
    const onPrimary = await s.primary<{ n: number }>(`select count(*)::int as n from access_log where principal_id = 'case-manager-b'`);
    expect(onPrimary[0].n).toBeGreaterThan(0);
    const search = () => s.gql('auditor', LOG, { purpose: 'SUPERVISION_AUDIT', variables: { f: { principalId: 'case-manager-b' } } });
    const lagging = await search();
    expect(lagging.body.errors).toBeUndefined();
    expect(lagging.body.data.accessLog.edges).toEqual([]);
    await s.resumeReplay();
    await s.caughtUp();
    expect((await search()).body.data.accessLog.edges).toHaveLength(onPrimary[0].n);
  });
});
