import { demoRegister } from '../../src/seed/register.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  s.clock.now = new Date('2026-03-05T10:00:00Z');
});
afterAll(async () => { await s.stop(); });

const EXPORT = 'query($f: RegisterExportFormat!) { registerExport(format: $f) { format mediaType generatedAt recordCount content } }';
const R19 = ['purpose', 'legalBasis', 'dataSubjectCategories', 'dataCategories', 'recipientCategories', 'retention'];

describe('R19 the register as a document for the supervisory authority', () => {
  beforeAll(async () => {
    const amended = await s.gql('dpo', `mutation { amendProcessingRecord(code: "MEDICAL_CARE", change: "retention per the medical treatment act",
      input: { retention: "P15Y after last treatment" }) { version } }`);
    if (amended.body.errors) throw new Error(JSON.stringify(amended.body.errors));
    await s.gql('dpo', 'mutation { deactivateProcessingRecord(code: "RISK_DISCLOSURE_18B", reason: "suspended pending review") { version } }');
  });

  test('R19 JSON: every record, active or not, with every R19 field and its version history', async () => {
    const res = await s.gql('case-manager-a', EXPORT, { variables: { f: 'JSON' } });
    expect(res.body.errors).toBeUndefined();
    const out = res.body.data.registerExport;
    expect(out).toMatchObject({ format: 'JSON', mediaType: 'application/json', generatedAt: '2026-03-05T10:00:00.000Z', recordCount: demoRegister.length });
    const doc = JSON.parse(out.content);
    expect(doc.records.map((r: { code: string }) => r.code)).toEqual(demoRegister.map((r) => r.code).sort());
    for (const r of doc.records) {
      const seeded: Record<string, unknown> = { ...demoRegister.find((d) => d.code === r.code)! };
      if (r.code === 'MEDICAL_CARE') seeded.retention = 'P15Y after last treatment';
      for (const field of R19) expect([r.code, field, r[field]]).toEqual([r.code, field, seeded[field]]);
      expect(r.history.length).toBeGreaterThanOrEqual(1);
    }
    const medical = doc.records.find((r: { code: string }) => r.code === 'MEDICAL_CARE');
    expect(medical).toMatchObject({ retention: 'P15Y after last treatment', version: 2, active: true });
    expect(medical.history.map((h: { version: number; change: string; changedFields: string[] }) => [h.version, h.change, h.changedFields])).toEqual([
      [1, 'initial register', []],
      [2, 'retention per the medical treatment act', ['retention']],
    ]);
    expect(medical.history[0].snapshot.retention).toBe('P20Y after last treatment');
    expect(doc.records.find((r: { code: string }) => r.code === 'RISK_DISCLOSURE_18B')).toMatchObject({ active: false, version: 2 });
  });

  test('R19 Markdown: a section per record with its R19 fields and a version history table', async () => {
    const res = await s.gql('auditor', EXPORT, { variables: { f: 'MARKDOWN' } });
    const md: string = res.body.data.registerExport.content;
    expect(res.body.data.registerExport.mediaType).toBe('text/markdown');
    expect(md).toMatch(/^# Record of processing activities\n/);
    for (const r of demoRegister) expect(md).toContain(`## ${r.code} — ${r.name}`);
    expect(md).toContain('| Legal basis | Penitentiary Principles Act; GDPR art. 6(1)(c) and (e) |');
    expect(md).toContain('| Categories of recipients | municipality |');
    expect(md).toContain('| Retention | P15Y after last treatment |');
    expect(md).toMatch(/\| 2 \| [^|]+ \| dpo \| retention per the medical treatment act \| retention \|/);
    expect(md).toContain('Status: deactivated, version 2');
  });

  test('the register is not personal data: read without a purpose, and nothing is logged about a person', async () => {
    const [{ n: before }] = await s.sql(`select count(*)::int as n from access_log`);
    const res = await s.gql('intake-a', EXPORT, { variables: { f: 'JSON' }, justification: 'register read' });
    expect(res.body.data.registerExport.recordCount).toBe(demoRegister.length);
    const [{ n: after }] = await s.sql(`select count(*)::int as n from access_log`);
    expect(after).toBe(before);
  });

  test('a client system cannot send the query: integrators run only their persisted operations', async () => {
    const res = await s.post(JSON.stringify({ query: '{ registerExport(format: JSON) { content } }' }), { authorization: `Bearer ${await s.token('municipality-x')}` });
    expect((await res.json()).errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
  });
});
