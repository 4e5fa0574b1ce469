import { createHash } from 'node:crypto';
import { AccessLogEntry } from '../../src/audit/AccessLogEntry.js';
import { HASHED, HASHED_V1, canonicalRow, rowHash, rowHashV1, sharedJson } from '../../src/audit/canonical.js';

/** The definition canonicalRow spells out: a JSON array of the HASHED columns (no time: the database sets it). */
const reference = (row: AccessLogEntry) =>
  JSON.stringify(HASHED.map((k) => { const v = row[k]; return v instanceof Date ? v.toISOString() : v ?? null; }));

const entry = (overrides: Partial<AccessLogEntry>) => Object.assign(new AccessLogEntry(), {
  id: '0190d3c2-7a1b-7c3d-8e4f-0123456789ab', at: new Date('2026-12-02T10:11:12.345Z'), requestId: 'r-1', action: 'consult',
  outcome: 'GRANTED', principalId: 'case-manager-a', principalCategory: 'staff:case_manager@institution-A', recipientId: 'case-manager-a',
  recipientCategory: 'internal:institution-A', subjectType: 'Person', fields: ['surname'], categories: ['identity.name'], policyRevision: 'p',
}, overrides);

describe('R10 canonical form of a log row', () => {
  test.each([
    ['optional columns absent', {}],
    ['every column set, a number among them', { reason: 'RESTRICTED', client: 'police-link', purpose: 'IDENTIFICATION', processingRecordVersion: 3,
      justification: 'case 12', subjectId: 's', personId: 'p', operationName: 'Op', operationId: 'f'.repeat(64) }],
    ['explicit nulls and empty lists', { reason: null, client: null, purpose: null, processingRecordVersion: null, fields: [], categories: [] }],
    ['quotes, backslashes, control and non-ASCII characters', { justification: 'a "b" \\ c\n\u0001 é 漢 \u2028', fields: ['x"y', 'z\\'] }],
  ])('%s: equal to the JSON array of the hashed columns, and hashed with SHA-256', (_, overrides) => {
    const row = entry(overrides);
    expect(canonicalRow(row)).toBe(reference(row));
    expect(rowHash(row)).toBe(createHash('sha256').update(reference(row)).digest('hex'));
    // Built with the shared columns of another row of the same request: the same form.
    const sibling = entry({ ...overrides as Partial<AccessLogEntry>, id: 'other', subjectId: 'x', fields: ['a'] });
    expect(canonicalRow(row, sharedJson(sibling))).toBe(reference(row));
  });

  test('R10 one request\'s rows built with one shared memo: each equal to its definition, lists with the separator apart', () => {
    const first = entry({});
    const shared = sharedJson(first);
    const rows = [
      first,
      entry({ id: 'b', action: 'disclose', outcome: 'DENIED', reason: 'RESTRICTED', fields: ['a\u001fb'], categories: ['x'] }),
      entry({ id: 'c', action: 'disclose', outcome: 'DENIED', reason: 'RESTRICTED', fields: ['a', 'b'], categories: ['x'] }),
      entry({ id: 'd', recipientId: 'municipality-x', recipientCategory: 'municipality', fields: ['a', 'b'], categories: [] }),
      entry({ id: 'e', fields: ['a\u001fb'], subjectType: 'Dossier' }),
    ];
    for (const row of rows) expect(canonicalRow(row, shared)).toBe(reference(row));
  });

  test('R10 the row hash no longer covers the time (the database sets it; the seal chains it); rows of format-1 seals keep their form with it', () => {
    const row = entry({});
    expect(HASHED).not.toContain('at');
    expect(rowHash(row)).toBe(rowHash(entry({ at: new Date('2030-01-01T00:00:00Z') })));
    const v1 = JSON.stringify(HASHED_V1.map((k) => { const v = row[k]; return v instanceof Date ? v.toISOString() : v ?? null; }));
    expect(v1.startsWith('["0190d3c2-7a1b-7c3d-8e4f-0123456789ab","2026-12-02T10:11:12.345Z",')).toBe(true);
    expect(rowHashV1(row)).toBe(createHash('sha256').update(v1).digest('hex'));
  });
});
