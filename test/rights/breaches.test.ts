import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = new Date('2026-03-05T10:00:00Z');
});
afterAll(async () => { await s.stop(); });

const FIELDS = `id description discoveredAt occurredAt dataCategories personsAffectedCount personIds measures reportedToAuthority
  notReportedReason reportedAt reportedWithin72Hours recordedBy recordedAt`;
const record = (input: Record<string, unknown>, who = 'dpo', purpose = 'SUPERVISION_AUDIT', justification = 'breach desk') =>
  s.gql(who, `mutation($input: RecordBreachInput!) { recordBreach(input: $input) { ${FIELDS} } }`, { purpose, justification, variables: { input } });
const count = async () => (await s.sql('select count(*)::int as n from breach'))[0].n;

const reported = {
  description: 'A printed list of detainees with medical notes was left on a train.', discoveredAt: '2026-03-02T08:00:00Z',
  occurredAt: '2026-03-01T17:30:00Z', dataCategories: ['identity.name', 'health'], personsAffectedCount: 2, personIds: ['person-a1', 'person-restricted'],
  measures: 'List recovered from the railway lost-and-found; printing of medical lists disabled.', reportedToAuthority: true,
  reportedAt: '2026-03-03T09:00:00Z',
};
const unreported = {
  description: 'An e-mail with one detainee\'s placement went to a colleague of the wrong institution, who deleted it at once.',
  discoveredAt: '2026-03-04T11:00:00Z', dataCategories: ['identity.name', 'detention.placement'], personsAffectedCount: 1,
  measures: 'Deletion confirmed in writing; address book entry corrected.', reportedToAuthority: false,
  notReportedReason: 'Unlikely to result in a risk: one internal recipient bound to confidentiality, deletion confirmed (004 §6.4.1).',
};

describe('R25 the breach register', () => {
  test('R25 R9 R10 the DPO records a breach reported to the authority, with when and the persons affected; logged as collect, per person too', async () => {
    const res = await record(reported, 'dpo', 'SUPERVISION_AUDIT', 'breach 2026-01');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.recordBreach).toMatchObject({
      ...reported, discoveredAt: '2026-03-02T08:00:00.000Z', occurredAt: '2026-03-01T17:30:00.000Z', reportedAt: '2026-03-03T09:00:00.000Z',
      dataCategories: ['health', 'identity.name'], notReportedReason: null, reportedWithin72Hours: true, recordedBy: 'dpo',
    });
    const id = res.body.data.recordBreach.id;
    // R10: the act, and one row per person named as affected, so that each finds the record in the log.
    expect(await s.sql(`select action, subject_type, subject_id, person_id, fields, categories from access_log
      where justification = 'breach 2026-01' and action = 'collect' order by person_id nulls first`)).toEqual([
      { action: 'collect', subject_type: 'Breach', subject_id: id, person_id: null, fields: ['recordBreach'], categories: ['breach.record'] },
      { action: 'collect', subject_type: 'Breach', subject_id: id, person_id: 'person-a1', fields: ['personIds'], categories: ['breach.record'] },
      { action: 'collect', subject_type: 'Breach', subject_id: id, person_id: 'person-restricted', fields: ['personIds'], categories: ['breach.record'] },
    ]);
  });

  test('R25 a breach not reported is documented too, with why it was not reported', async () => {
    const res = await record(unreported);
    expect(res.body.data.recordBreach).toMatchObject({ reportedToAuthority: false, reportedAt: null, reportedWithin72Hours: null,
      notReportedReason: unreported.notReportedReason, personIds: [] });
  });

  test('R25 reportedToAuthority false without notReportedReason is BAD_USER_INPUT naming the field, and nothing is stored', async () => {
    const n = await count();
    const { notReportedReason: _, ...withoutReason } = unreported;
    const res = await record(withoutReason);
    expect(res.body.data.recordBreach).toBeNull();
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.notReportedReason' });
    const blank = await record({ ...unreported, notReportedReason: '   ' });
    expect(blank.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.notReportedReason' });
    expect(await count()).toBe(n);
  });

  test('inconsistent or unknown input is BAD_USER_INPUT naming the field; nothing is stored', async () => {
    const n = await count();
    const field = async (input: Record<string, unknown>) => (await record(input)).body.errors?.[0].extensions?.field;
    expect(await field({ ...reported, reportedAt: null })).toBe('input.reportedAt');
    expect(await field({ ...reported, notReportedReason: 'both' })).toBe('input.notReportedReason');
    expect(await field({ ...unreported, reportedAt: '2026-03-04T12:00:00Z' })).toBe('input.reportedAt');
    expect(await field({ ...reported, occurredAt: '2026-03-03T00:00:00Z' })).toBe('input.occurredAt');
    expect(await field({ ...reported, discoveredAt: '2026-04-01T00:00:00Z' })).toBe('input.discoveredAt');
    expect(await field({ ...reported, dataCategories: ['health', 'shoe.size'] })).toBe('input.dataCategories[1]');
    expect(await field({ ...reported, personIds: ['person-a1', 'person-zz'] })).toBe('input.personIds');
    expect(await field({ ...reported, personsAffectedCount: 1 })).toBe('input.personsAffectedCount');
    expect(await count()).toBe(n);
  });

  test('R25 R10 the supervisory authority reads the register, newest first, page by page; its reads are logged', async () => {
    const page = (after?: string) => s.gql('auditor', `query($after: String) { breaches(first: 1, after: $after) {
      edges { node { description reportedToAuthority notReportedReason } } pageInfo { hasNextPage endCursor } } }`,
    { purpose: 'SUPERVISION_AUDIT', justification: 'inspection 2026', variables: { after } });
    const first = (await page()).body.data.breaches;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await page(first.pageInfo.endCursor)).body.data.breaches;
    const all = [...first.edges, ...second.edges].map((e: { node: { reportedToAuthority: boolean } }) => e.node.reportedToAuthority);
    expect(all.sort()).toEqual([false, true]);
    const reads = await s.sql(`select distinct action, subject_type from access_log where justification = 'inspection 2026' and outcome = 'GRANTED'`);
    expect(reads).toEqual([{ action: 'consult', subject_type: 'Breach' }]);
  });

  test('R25 a non-DPO cannot record a breach, and a case manager cannot read the register: FORBIDDEN', async () => {
    const n = await count();
    const auditor = await record(reported, 'auditor');
    expect(auditor.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_GRANTED_TO_ROLE', category: 'breach.record' });
    const cm = await record(reported, 'case-manager-a', 'DETENTION_MANAGEMENT');
    expect(cm.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CATEGORY_NOT_IN_PURPOSE' });
    expect(await count()).toBe(n);
    const read = await s.gql('case-manager-a', '{ breaches(first: 5) { edges { node { id } } } }', { purpose: 'DETENTION_MANAGEMENT' });
    expect(read.body.data.breaches).toBeNull();
    expect(read.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', category: 'breach.record' });
  });
});
