import { deniedPaths, startTestServer, type TestServer } from '../support/server.js';

/**
 * Adversarial review, findings 2, 4, 8, 10, 11 and the purpose and dossier bugs: secondary paths
 * that handed out personal data, ids or existence without asking the decision point.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  // person-a2 and person-restricted turn out to share person-a1's fingerprint reference (R4).
  await s.sql(`update person set fingerprint_reference = 'AFIS-100001' where id in ('person-a2', 'person-restricted')`);
});
afterAll(async () => { await s.stop(); });

const ID = 'IDENTIFICATION_OF_DETAINEES';
const MERGE = 'mutation($input: MergeDossiersInput!) { mergeDossiers(input: $input) { id dossierIds } }';
const SPLIT = 'mutation($input: SplitDossierInput!) { splitDossier(input: $input) { id dossierIds } }';
const errorOf = (r: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => r.body.errors?.[0]?.extensions;

describe('R22 R4 every subject a mutation touches is decided before it acts', () => {
  test('R22 R4 merging a restricted person\'s dossier is refused RESTRICTED, nothing moves, and the log names that person', async () => {
    const res = await s.gql('id-officer', MERGE, { purpose: ID, justification: 'merge restricted',
      variables: { input: { sourceDossierId: 'dossier-restricted', targetDossierId: 'dossier-a1', reason: 'same fingerprints' } } });
    expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', reason: 'RESTRICTED' });
    expect(await s.sql(`select status from dossier where id = 'dossier-restricted'`)).toEqual([{ status: 'ACTIVE' }]);
    expect(await s.sql(`select count(*)::int as n from dossier_entry where dossier_id = 'dossier-a1' and original_dossier_id = 'dossier-restricted'`))
      .toEqual([{ n: 0 }]);
    expect(await s.sql(`select outcome, reason, subject_id from access_log where justification = 'merge restricted' and person_id = 'person-restricted'`))
      .toEqual([expect.objectContaining({ outcome: 'DENIED', reason: 'RESTRICTED', subject_id: 'dossier-restricted' })]);
  });

  test('R4 R10 a merge and a split back are logged as combine for each dossier with its own person', async () => {
    const merged = await s.gql('id-officer', MERGE, { purpose: ID, justification: 'merge a2',
      variables: { input: { sourceDossierId: 'dossier-a2', targetDossierId: 'dossier-a1', reason: 'same fingerprints' } } });
    expect(merged.body.errors).toBeUndefined();
    expect(await s.sql(`select subject_id, person_id from access_log where justification = 'merge a2' and action = 'combine' order by subject_id`))
      .toEqual([{ subject_id: 'dossier-a1', person_id: 'person-a1' }, { subject_id: 'dossier-a2', person_id: 'person-a2' }]);
    const moved = await s.sql(`select id from dossier_entry where original_dossier_id = 'dossier-a2'`);
    const split = await s.gql('id-officer', SPLIT, { purpose: ID, justification: 'split a2',
      variables: { input: { dossierId: 'dossier-a1', intoDossierId: 'dossier-a2', entryIds: moved.map((e) => e.id), reason: 'two persons after all' } } });
    expect(split.body.errors).toBeUndefined();
    // The other person concerned appears in the log, so their access report shows the split (R21).
    expect(await s.sql(`select subject_id, person_id from access_log where justification = 'split a2' and action = 'combine' order by subject_id`))
      .toEqual([{ subject_id: 'dossier-a1', person_id: 'person-a1' }, { subject_id: 'dossier-a2', person_id: 'person-a2' }]);
  });
});

describe('R22 R10 R21 references are decided like the objects they point to', () => {
  test('R22 R10 dossier { mergedInto } of a restricted person is RESTRICTED, and its log row names the person', async () => {
    const merged = await s.gql('id-officer', MERGE, { purpose: ID,
      variables: { input: { sourceDossierId: 'dossier-a2', targetDossierId: 'dossier-a1', reason: 'same fingerprints, again' } } });
    expect(merged.body.errors).toBeUndefined();
    await s.sql(`update person set restriction_active = true, restriction_reason = 'contested', restricted_since = now() where id = 'person-a1'`);
    try {
      const read = await s.gql('case-manager-a', '{ dossier(id: "dossier-a2") { id mergedInto { id status entries { edges { node { id originalDossierId } } } } } }',
        { purpose: 'DETENTION_MANAGEMENT', justification: 'read merged' });
      expect(read.body.data.dossier.id).toBe('dossier-a2');
      expect(deniedPaths(read)).toMatchObject({ 'dossier.mergedInto.status': 'RESTRICTED', 'dossier.mergedInto.entries': 'RESTRICTED' });
      expect(JSON.stringify(read.body.data)).not.toContain('originalDossierId":"');
      expect(await s.sql(`select outcome, reason from access_log where justification = 'read merged' and subject_id = 'dossier-a1'
        and person_id = 'person-a1'`)).toEqual([{ outcome: 'DENIED', reason: 'RESTRICTED' }]);
    } finally {
      await s.sql(`update person set restriction_active = false, restriction_reason = null, restricted_since = null where id = 'person-a1'`);
    }
  });

  test('R10 dossier { person { surname } } answers the surname the caller may read, not null', async () => {
    const read = await s.gql('case-manager-a', '{ dossier(id: "dossier-a1") { person { id surname } } }', { purpose: 'DETENTION_MANAGEMENT' });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.dossier.person).toEqual({ id: 'person-a1', surname: 'Jansen' });
  });
});

describe('R12 a purpose the request may not use is said, not hidden', () => {
  test('R12 an unregistered purpose answers FORBIDDEN PURPOSE_NOT_REGISTERED and is logged', async () => {
    const res = await s.gql('case-manager-a', '{ person(id: "person-a1") { id surname } }', { purpose: 'DETENTION_MANAGMENT', justification: 'typo' });
    expect(res.body.data?.person ?? null).toBeNull();
    expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_REGISTERED' });
    expect(await s.sql(`select outcome, reason from access_log where justification = 'typo'`)).toEqual([{ outcome: 'DENIED', reason: 'PURPOSE_NOT_REGISTERED' }]);
  });

  test('R12 a purpose the role may not use answers FORBIDDEN PURPOSE_NOT_ALLOWED_FOR_ROLE', async () => {
    const res = await s.gql('case-manager-a', '{ person(id: "person-a1") { id } }', { purpose: 'MEDICAL_CARE' });
    expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED_FOR_ROLE' });
  });
});

describe('R13 lists: cursors, filters and ids', () => {
  test('R13 cursors come only from returned rows: a list whose rows are all filtered out has no cursor', async () => {
    const q = '{ persons(first: 5, filter: { institution: "B" }) { edges { node { id } } pageInfo { startCursor endCursor } } }';
    const other = await s.gql('case-manager-a', q, { purpose: 'DETENTION_MANAGEMENT' });
    expect(other.body.data.persons).toEqual({ edges: [], pageInfo: { startCursor: null, endCursor: null } });
    const medical = await s.gql('case-manager-a', q, { purpose: 'MEDICAL_CARE' });
    expect(JSON.stringify(medical.body)).not.toContain('person-b1');
    expect(errorOf(medical)).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED_FOR_ROLE' });
  });

  test('R13 R10 a filter on a category is a read of it: the DPO under SUPERVISION_AUDIT may not filter persons by placement', async () => {
    const res = await s.gql('dpo', '{ persons(first: 5, filter: { institution: "B" }) { edges { node { id } } } }',
      { purpose: 'SUPERVISION_AUDIT', justification: 'filter probe' });
    expect(JSON.stringify(res.body)).not.toContain('person-b1');
    expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_IN_PURPOSE', category: 'detention.placement' });
    expect(await s.sql(`select outcome, reason, categories from access_log where justification = 'filter probe'`))
      .toEqual([{ outcome: 'DENIED', reason: 'CATEGORY_NOT_IN_PURPOSE', categories: ['detention.placement'] }]);
  });

  test('R10 a list selecting only ids is logged: each person returned has a row', async () => {
    const res = await s.gql('case-manager-a', '{ persons(first: 10) { edges { node { id } } } }', { purpose: 'DETENTION_MANAGEMENT', justification: 'ids only' });
    const ids = res.body.data.persons.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    expect(ids.length).toBeGreaterThan(0);
    const rows = await s.sql(`select person_id, fields from access_log where justification = 'ids only' order by person_id`);
    expect(rows.map((r) => r.person_id)).toEqual(ids);
    for (const r of rows) expect(r.fields).toEqual(['id']);
  });
});

describe('R18 R10 no existence oracle on disclose18b', () => {
  test('R18 R10 a person of another institution and an unknown id get the same answer, and both attempts are logged', async () => {
    const disclose = (personId: string, justification: string) => s.gql('case-manager-a',
      `mutation { disclose18b(input: { personId: "${personId}", recipientClientId: "municipality-x", categories: ["identity.name"],
        motivation: "Release without a conditional framework." }) { id } }`, { purpose: 'RISK_DISCLOSURE_18B', justification });
    const existing = await disclose('person-b1', 'probe existing');
    const unknown = await disclose('person-zz9', 'probe unknown');
    expect(existing.body.errors?.[0]).toEqual({ ...unknown.body.errors?.[0] });
    expect(existing.body.data).toEqual(unknown.body.data);
    expect(await s.sql(`select justification, outcome, subject_id from access_log where justification like 'probe %' order by justification`)).toEqual([
      { justification: 'probe existing', outcome: 'DENIED', subject_id: 'person-b1' },
      { justification: 'probe unknown', outcome: 'DENIED', subject_id: 'person-zz9' },
    ]);
  });
});
