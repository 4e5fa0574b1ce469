import { idProblem } from '../../src/schema/id-arguments.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Adversarial review, finding 7: an unfit id reached a log row and failed a group commit shared with others. */
describe('R10 ids are checked before anything is decided or logged', () => {
  test('R10 an id is 1 to 100 characters without control characters', () => {
    expect(idProblem('person-a1')).toBeNull();
    expect(idProblem('zaak-ü-2026')).toBeNull();
    expect(idProblem('')).toMatch(/1 to 100/);
    expect(idProblem('x'.repeat(101))).toMatch(/1 to 100/);
    expect(idProblem('person\u0000')).toMatch(/control/);
    expect(idProblem('a\ud800b')).toMatch(/control/);
  });

  let s: TestServer;
  beforeAll(async () => { s = await startTestServer(); });
  afterAll(async () => { await s.stop(); });

  test('R10 a NUL in an id argument answers BAD_USER_INPUT naming it, and no row is written for it', async () => {
    const res = await s.gql('dpo', 'query($id: ID!) { restrictionHistory(personId: $id) { action } }',
      { purpose: 'SUBJECT_RIGHTS', justification: 'nul probe', variables: { id: `${'x'.repeat(20)}\u0000` } });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
    expect(await s.sql(`select count(*)::int as n from access_log where justification = 'nul probe'`)).toEqual([{ n: 0 }]);
  });

  test('R10 ids inside input objects and lists are checked too, with the path named', async () => {
    const res = await s.gql('id-officer', `mutation($input: SplitDossierInput!) { splitDossier(input: $input) { id } }`,
      { purpose: 'IDENTIFICATION_OF_DETAINEES', variables: { input: { dossierId: 'dossier-a1', entryIds: ['ok', 'bad\u0001'], reason: 'x' } } });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.entryIds[1]' });
  });
});
