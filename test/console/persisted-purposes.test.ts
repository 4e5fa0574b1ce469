import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { declarePurpose } from '../../src/http/declare-purpose.js';
import { FIRST_PARTY_CLIENT, operationsDir, readOperations, type PersistedOperation } from '../../src/persisted/manifest.js';
import { startTestServer, type TestServer } from '../support/server.js';

function opsFrom(files: Record<string, string>): PersistedOperation[] {
  const dir = mkdtempSync(join(tmpdir(), 'ops-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return readOperations(dir);
}

const body = 'query Q { me { id } }';

describe('R12 a persisted operation\'s purposes: one, a list, or the request\'s (issue 21)', () => {
  test('the header names one purpose, several separated by commas, or x-purpose', () => {
    const ops = opsFrom({
      'a.graphql': `# Purpose: SUPERVISION_AUDIT\n# Clients: console\n${body}`,
      'b.graphql': `# Purpose: SUPERVISION_AUDIT, SUBJECT_RIGHTS\n# Clients: console\n${body.replace('Q', 'R')}`,
      'c.graphql': `# Purpose: x-purpose\n# Clients: console\n${body.replace('Q', 'S')}`,
    });
    expect(ops.map((o) => o.purposes)).toEqual([['SUPERVISION_AUDIT'], ['SUPERVISION_AUDIT', 'SUBJECT_RIGHTS'], []]);
  });

  test('a purpose header that is neither is refused when the manifest is read', () => {
    expect(() => opsFrom({ 'a.graphql': `# Purpose: audit\n# Clients: console\n${body}` })).toThrow(/a\.graphql: needs a "# Purpose: PROCESSING_CODE" header/);
    expect(() => opsFrom({ 'a.graphql': `# Purpose: SUPERVISION_AUDIT,\n# Clients: console\n${body}` })).toThrow(/needs a "# Purpose/);
    expect(() => opsFrom({ 'a.graphql': `# Clients: console\n${body}` })).toThrow(/needs a "# Purpose/);
  });

  const op = (purposes: string[]): PersistedOperation => ({ id: 'x', name: 'Q', purposes, clients: ['console'], file: 'q.graphql', document: body });

  test('one purpose replaces x-purpose; a list takes the x-purpose among it; x-purpose takes the request\'s', () => {
    const asked = { 'x-purpose': 'SUBJECT_RIGHTS', 'x-justification': 'ticket 7' };
    expect(declarePurpose(asked, op(['SUPERVISION_AUDIT']))).toEqual({ ok: true, value: { purpose: 'SUPERVISION_AUDIT', justification: 'ticket 7' } });
    expect(declarePurpose(asked, op(['SUPERVISION_AUDIT', 'SUBJECT_RIGHTS']))).toMatchObject({ ok: true, value: { purpose: 'SUBJECT_RIGHTS' } });
    expect(declarePurpose(asked, op([]))).toMatchObject({ ok: true, value: { purpose: 'SUBJECT_RIGHTS' } });
    // No purpose declared: none, and personal data are then refused with PURPOSE_REQUIRED as for any request.
    expect(declarePurpose({}, op(['SUPERVISION_AUDIT', 'SUBJECT_RIGHTS']))).toMatchObject({ ok: true, value: { purpose: null } });
  });

  test('a purpose outside the operation\'s list is BAD_USER_INPUT naming x-purpose', () => {
    const r = declarePurpose({ 'x-purpose': 'MEDICAL_CARE' }, op(['SUPERVISION_AUDIT', 'SUBJECT_RIGHTS']));
    expect(r).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', extra: { field: 'x-purpose' } });
  });

  test('the console\'s operations are in the manifest, each for the first-party client only', () => {
    const ops = readOperations(operationsDir).filter((o) => o.file.startsWith('console/'));
    expect(ops.length).toBeGreaterThan(0);
    for (const o of ops) expect(o.clients).toEqual([FIRST_PARTY_CLIENT]);
  });
});

describe('the console\'s operations over HTTP (issue 21)', () => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer(); });
  afterAll(async () => { await s.stop(); });
  const me = () => readOperations(operationsDir).find((o) => o.name === 'ConsoleMe')!;

  test('staff run them by id under the purpose they declare, and the log row names the operation', async () => {
    const res = await s.post(JSON.stringify({ documentId: me().id }), {
      authorization: `Bearer ${await s.token('auditor')}`, 'x-purpose': 'SUPERVISION_AUDIT', 'x-justification': 'console test',
    });
    const answer = await res.json();
    expect(answer.data.me.id).toBe('auditor');
  });

  test('a client system cannot run them: PERSISTED_QUERY_NOT_FOUND', async () => {
    const res = await s.post(JSON.stringify({ documentId: me().id }), { authorization: `Bearer ${await s.token('afis-link')}` });
    expect((await res.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
