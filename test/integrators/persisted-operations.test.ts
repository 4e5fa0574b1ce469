import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema as fromSdl } from 'graphql';
import { defaultPolicyDir, loadPolicy } from '../../src/authz/policy.js';
import { FIRST_PARTY_CLIENT, manifestJson, manifestPath, operationsDir, readOperations, validateOperations } from '../../src/persisted/manifest.js';
import { withToolIds } from '../../src/persisted/formats/ids.js';
import { buildSchema, printSchemaSdl } from '../../src/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const operations = readOperations(operationsDir);
const idOf = (name: string) => operations.find((o) => o.name === name)!.id;

async function persisted(who: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await s.post(JSON.stringify(body), { authorization: `Bearer ${await s.token(who)}`, ...headers });
  return { status: res.status, body: await res.json() };
}

describe('the manifest of persisted operations', () => {
  test('schema/operations/manifest.json is what npm run operations:manifest writes', () => {
    expect(readFileSync(manifestPath, 'utf8')).toBe(manifestJson(withToolIds(operations)));
  });

  test('every operation validates against the schema', () => {
    expect(validateOperations(buildSchema(loadPolicy(defaultPolicyDir)), operations)).toEqual([]);
  });

  test('an operation that no longer validates against a changed schema fails the check', () => {
    const sdl = printSchemaSdl(buildSchema(loadPolicy(defaultPolicyDir)));
    // A field the operation uses is renamed.
    const changed = fromSdl(sdl.replace('  deviceReference: String\n', '  captureDevice: String\n'));
    expect(validateOperations(changed, operations).join('\n')).toMatch(/pending-verification-requests\.graphql: .*deviceReference/);
  });

  test('ids are the sha256 of the normalised document, and each operation is bound to a purpose and clients', () => {
    for (const op of operations) {
      expect(op.id).toBe(createHash('sha256').update(op.document).digest('hex'));
      expect(op.clients.length).toBeGreaterThan(0);
    }
    const integrators = operations.filter((o) => !o.clients.includes(FIRST_PARTY_CLIENT));
    expect(integrators.map((o) => [o.name, o.purposes, o.clients])).toEqual([
      ['PendingVerificationRequests', ['IDENTIFICATION_OF_DETAINEES'], ['afis-link']],
      ['ReceivedDisclosures', ['RISK_DISCLOSURE_18B'], ['municipality-x']],
      ['SubmitVerificationAnswer', ['IDENTIFICATION_OF_DETAINEES'], ['afis-link']],
    ]);
  });
});

describe('the gate for integrators', () => {
  test('an ad-hoc document from a client system is PERSISTED_QUERY_REQUIRED', async () => {
    const res = await persisted('afis-link', { query: '{ me { id } }' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
  });

  test('an unknown id is PERSISTED_QUERY_NOT_FOUND', async () => {
    const res = await persisted('afis-link', { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  test('a client cannot run another client\'s operation', async () => {
    const res = await persisted('municipality-x', { documentId: idOf('PendingVerificationRequests') });
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const res2 = await persisted('afis-link', { documentId: `sha256:${idOf('ReceivedDisclosures')}` });
    expect(res2.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  test('the purpose comes from the operation, not from a header', async () => {
    await s.gql('intake-a', `mutation { registerDetainee(input: { surname: "Mertens", givenNames: "Jan", institution: "A",
      admittedAt: "2026-11-20T08:00:00Z", capture: { deviceReference: "LIVESCAN-A-01", capturedAt: "2026-11-20T08:05:00Z" } }) { id } }`,
    { purpose: 'IDENTIFICATION_OF_DETAINEES' });
    const res = await persisted('afis-link', { documentId: idOf('PendingVerificationRequests') }, { 'x-purpose': 'MEDICAL_CARE' });
    expect(res.body.errors).toBeUndefined();
    const [row] = await s.sql(`select purpose, operation_name, operation_id from access_log where principal_id = 'afis-link' order by seq desc limit 1`);
    expect(row).toEqual({ purpose: 'IDENTIFICATION_OF_DETAINEES', operation_name: 'PendingVerificationRequests', operation_id: idOf('PendingVerificationRequests') });
  });

  test('R11 a revoked client is refused on its next request; reactivation is explicit', async () => {
    await s.gql('dpo', 'mutation { revokeClient(clientId: "afis-link", reason: "breach of the security rules (art. 8)") { active } }');
    const refused = await persisted('afis-link', { documentId: idOf('PendingVerificationRequests') });
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const [logged] = await s.sql(`select action, subject_type, subject_id from access_log where principal_id = 'dpo' and subject_type = 'ClientSystem'`);
    expect(logged).toEqual({ action: 'alter', subject_type: 'ClientSystem', subject_id: 'afis-link' });
    await s.gql('dpo', 'mutation { reactivateClient(clientId: "afis-link") { active } }');
    expect((await persisted('afis-link', { documentId: idOf('PendingVerificationRequests') })).body.errors).toBeUndefined();
  });

  test('staff keep ad-hoc queries and automatic persisted queries', async () => {
    const query = '{ me { id } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const register = await persisted('dpo', { query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(register.body.data.me.id).toBe('dpo');
    const byHash = await persisted('dpo', { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(byHash.body.data.me.id).toBe('dpo');
  });
});
