import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const gql = (who: string, query: string, variables: Record<string, unknown>, justification = 'dossier work') =>
  s.gql(who, query, { purpose: 'IDENTIFICATION_OF_DETAINEES', justification, variables });
const MERGE = 'mutation($input: MergeDossiersInput!) { mergeDossiers(input: $input) { id kind dossierIds decidedBy } }';
const SPLIT = 'mutation($input: SplitDossierInput!) { splitDossier(input: $input) { id kind dossierIds decidedBy } }';
const UNDO = 'mutation($id: ID!) { undoDossierChange(changeId: $id, reason: "decision reviewed") { id kind undoes } }';

/** Where every entry is: { entryId: dossierId }, and each dossier's status. */
async function state() {
  const entries = await s.sql(`select id, dossier_id from dossier_entry where dossier_id in (select id from dossier where person_id in ('person-a1', 'person-a2'))
    or original_dossier_id in ('dossier-a1', 'dossier-a2') order by id`);
  const dossiers = await s.sql(`select id, status, merged_into_id from dossier where person_id in ('person-a1', 'person-a2') order by id`);
  return { entries: Object.fromEntries(entries.map((e) => [e.id, e.dossier_id])), dossiers };
}

beforeAll(async () => {
  // Two identities that turn out to share one fingerprint reference (R4), each dossier with two entries.
  await s.sql(`update person set fingerprint_reference = 'AFIS-100001' where id = 'person-a2'`);
  await s.sql(`insert into dossier_entry (id, dossier_id, original_dossier_id, kind, summary, recorded_at) values
    (gen_random_uuid(), 'dossier-a1', 'dossier-a1', 'transfer', 'Transfer request.', now()),
    (gen_random_uuid(), 'dossier-a2', 'dossier-a2', 'visit', 'Visit registered.', now())`);
});

describe('R4 one dossier per person: merge, split, undo', () => {
  test('R4 R6 only a designated officer with a pledge may combine dossiers', async () => {
    const before = await state();
    const res = await gql('id-officer-undesignated', MERGE, { input: { sourceDossierId: 'dossier-a2', targetDossierId: 'dossier-a1', reason: 'same fingerprints' } });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_DESIGNATED' });
    const cm = await s.gql('case-manager-a', MERGE, { purpose: 'DETENTION_MANAGEMENT', variables: { input: { sourceDossierId: 'dossier-a2', targetDossierId: 'dossier-a1', reason: 'x' } } });
    expect(cm.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_GRANTED_TO_ROLE' });
    expect(await state()).toEqual(before);
  });

  test('R4 dossiers of identities that do not share a fingerprint reference are not merged', async () => {
    const res = await gql('id-officer', MERGE, { input: { sourceDossierId: 'dossier-b1', targetDossierId: 'dossier-a1', reason: 'mistake' } });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sourceDossierId' });
  });

  test('R4 a merge undone by a split puts every entry back in place; both are logged as combine with the deciding officer', async () => {
    const before = await state();
    const merged = await gql('id-officer', MERGE, { input: { sourceDossierId: 'dossier-a2', targetDossierId: 'dossier-a1', reason: 'same fingerprints' } }, 'merge 1');
    expect(merged.body.data.mergeDossiers).toMatchObject({ kind: 'MERGE', decidedBy: 'id-officer' });
    const during = await state();
    expect(Object.values(during.entries).every((d) => d === 'dossier-a1')).toBe(true);
    expect(during.dossiers).toContainEqual({ id: 'dossier-a2', status: 'MERGED', merged_into_id: 'dossier-a1' });

    const back = await s.sql(`select id from dossier_entry where original_dossier_id = 'dossier-a2'`);
    const split = await gql('id-officer', SPLIT, { input: { dossierId: 'dossier-a1', entryIds: back.map((e) => e.id), intoDossierId: 'dossier-a2',
      reason: 'the fingerprint match was a capture error' } }, 'split 1');
    expect(split.body.data.splitDossier.kind).toBe('SPLIT');
    expect(await state()).toEqual(before);

    const logged = await s.sql(`select justification, action, subject_id, principal_id from access_log
      where justification in ('merge 1', 'split 1') and action = 'combine' order by justification, subject_id`);
    expect(logged).toEqual([
      { justification: 'merge 1', action: 'combine', subject_id: 'dossier-a1', principal_id: 'id-officer' },
      { justification: 'merge 1', action: 'combine', subject_id: 'dossier-a2', principal_id: 'id-officer' },
      { justification: 'split 1', action: 'combine', subject_id: 'dossier-a1', principal_id: 'id-officer' },
      { justification: 'split 1', action: 'combine', subject_id: 'dossier-a2', principal_id: 'id-officer' },
    ]);
  });

  test('R4 undoDossierChange reverses a merge from its snapshot, without losing an entry', async () => {
    const before = await state();
    const merged = await gql('id-officer', MERGE, { input: { sourceDossierId: 'dossier-a2', targetDossierId: 'dossier-a1', reason: 'same fingerprints' } });
    const undo = await gql('id-officer', UNDO, { id: merged.body.data.mergeDossiers.id });
    expect(undo.body.data.undoDossierChange).toMatchObject({ kind: 'UNDO', undoes: merged.body.data.mergeDossiers.id });
    expect(await state()).toEqual(before);
    const twice = await gql('id-officer', UNDO, { id: merged.body.data.mergeDossiers.id });
    expect(twice.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'changeId' });
  });

  test('R4 a split into a new dossier for a second identity, undone, leaves the new dossier empty and closed', async () => {
    const before = await state();
    const [entry] = await s.sql(`select id from dossier_entry where dossier_id = 'dossier-a1' and kind = 'transfer'`);
    const split = await gql('id-officer', SPLIT, { input: { dossierId: 'dossier-a1', entryIds: [entry.id], personId: 'person-a2', reason: 'two fingerprint references' } });
    const newId = split.body.data.splitDossier.dossierIds[1];
    expect((await s.sql('select dossier_id from dossier_entry where id = $1', [entry.id]))[0].dossier_id).toBe(newId);
    await gql('id-officer', UNDO, { id: split.body.data.splitDossier.id });
    expect(await state()).toMatchObject({ entries: before.entries });
    expect(await s.sql('select status from dossier where id = $1', [newId])).toEqual([{ status: 'CLOSED' }]);
  });

  test('bad input names the field and changes nothing', async () => {
    const before = await state();
    const res = await gql('id-officer', SPLIT, { input: { dossierId: 'dossier-a1', entryIds: ['00000000-0000-4000-8000-000000000000'], reason: 'x' } });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.entryIds' });
    expect(await state()).toEqual(before);
  });
});
