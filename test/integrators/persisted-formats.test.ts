import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { preset as clientPreset } from '@graphql-codegen/client-preset';
import { defaultPolicyDir, loadPolicy } from '../../src/authz/policy.js';
import { apolloManifest, readApolloManifest } from '../../src/persisted/formats/apollo-manifest.js';
import { persistedDocuments, readPersistedDocuments } from '../../src/persisted/formats/client-preset.js';
import { clientPresetId, sha256, withToolIds } from '../../src/persisted/formats/ids.js';
import { ImportRefused, importOperations, readIntegratorFile } from '../../src/persisted/formats/import.js';
import { byId, loadManifest, operationsDir, readOperations } from '../../src/persisted/manifest.js';
import { buildSchema } from '../../src/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';

const schema = buildSchema(loadPolicy(defaultPolicyDir));
const root = new URL('../../', import.meta.url).pathname;
const shipped = withToolIds(readOperations(operationsDir)).filter((op) => op.clients.includes('afis-link'));
const afis = { purpose: 'IDENTIFICATION_OF_DETAINEES', clients: ['afis-link'] };

const dirs: string[] = [];
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'ntk-persisted-')); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** What @graphql-codegen/client-preset writes for a document, run as an integrator runs it. */
async function clientPresetDocuments(documents: string[]): Promise<Record<string, string>> {
  const out = tempDir();
  const outputs = await generate({
    cwd: root, schema: 'schema/schema.graphql', documents, silent: true,
    generates: { [`${out}/`]: { preset: clientPreset, presetConfig: { persistedDocuments: true, fragmentMasking: false } } },
  }, false);
  const file = outputs.find((o: { filename: string; content: string }) => o.filename.endsWith('persisted-documents.json'));
  return JSON.parse(file!.content) as Record<string, string>;
}

describe('export and import (Apollo manifest, client-preset persisted documents)', () => {
  test('the Apollo manifest lists each operation with the sha256 of its printed body, which is the server\'s own id', () => {
    const m = apolloManifest(shipped);
    expect(m.format).toBe('apollo-persisted-query-manifest');
    expect(m.operations.map((o) => [o.name, o.type, o.id])).toEqual(shipped.map((op) => [op.name, op.name.startsWith('Submit') ? 'mutation' : 'query', op.id]));
    for (const o of m.operations) expect(o.id).toBe(sha256(o.body));
  });

  test('round trip through the Apollo manifest: the same documents under the same ids', () => {
    const dir = tempDir();
    const imported = importOperations(readIntegratorFile(JSON.stringify(apolloManifest(shipped))), afis, dir, schema);
    expect(imported.map((i) => [i.name, i.id, i.written])).toEqual(shipped.map((op) => [op.name, op.id, true]));
    const again = withToolIds(readOperations(dir));
    expect(again.map((op) => [op.name, op.id, op.document, op.purposes, op.clients])).toEqual(shipped.map((op) => [op.name, op.id, op.document, [afis.purpose], afis.clients]));
    // A second import of the same file changes nothing.
    expect(importOperations(readApolloManifest(apolloManifest(shipped)), afis, dir, schema).every((i) => !i.written)).toBe(true);
  });

  test('round trip through client-preset\'s persisted documents: the same ids, each the preset\'s', () => {
    const exported = persistedDocuments(shipped);
    expect(Object.keys(exported)).toEqual(shipped.map((op) => `sha256:${clientPresetId(op.document)}`));
    const dir = tempDir();
    importOperations(readPersistedDocuments(exported), afis, dir, schema);
    const again = withToolIds(readOperations(dir));
    expect(persistedDocuments(again)).toEqual(exported);
    // The server's own id is of the document as the preset sorted it; the preset's id is the same.
    expect(again.map((op) => op.ids?.at(-1))).toEqual(shipped.map((op) => op.ids?.at(-1)));
    // Into the shipped operations themselves: already there under the preset's ids, nothing written.
    expect(importOperations(readPersistedDocuments(exported), afis, operationsDir, schema).map((i) => i.written)).toEqual(shipped.map(() => false));
  });

  test('the committed manifest lists the id client-preset computes for a shipped operation', async () => {
    const generated = await clientPresetDocuments(['schema/operations/pending-verification-requests.graphql']);
    const [id] = Object.keys(generated);
    expect(loadManifest().get(id.replace(/^sha256:/, ''))?.name).toBe('PendingVerificationRequests');
  });
});

describe('what an import refuses, with nothing written', () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(ImportRefused);
      return (e as ImportRefused).problems;
    }
    throw new Error('not refused');
  };

  test('a document not valid against the schema, naming the operation and the field', () => {
    const body = 'query Snoop {\n  pendingVerificationRequests {\n    edges {\n      node {\n        medicalNotes\n      }\n    }\n  }\n}';
    const dir = tempDir();
    const problems = refusal(() => importOperations(readApolloManifest({
      format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256(body), name: 'Snoop', type: 'query', body }],
    }), afis, dir, schema));
    expect(problems).toEqual([expect.stringMatching(/^Snoop: Cannot query field "medicalNotes" on type "VerificationRequest"/)]);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an id that is not the sha256 of its document, a body not as the tool prints it, no purpose', () => {
    const body = 'query Me {\n  me {\n    id\n  }\n}';
    const manifest = (ops: object[]) => ({ format: 'apollo-persisted-query-manifest', version: 1, operations: ops });
    expect(() => readApolloManifest(manifest([{ id: 'f'.repeat(64), name: 'Me', type: 'query', body }]))).toThrow(/not the sha256 of the body/);
    const handWritten = '# Clients: everyone\nquery Me { me { id } }';
    expect(() => readApolloManifest(manifest([{ id: sha256(handWritten), name: 'Me', type: 'query', body: handWritten }]))).toThrow(/not as graphql's print\(\) writes it/);
    expect(() => readPersistedDocuments({ [`sha256:${'0'.repeat(64)}`]: 'query Me { me { id } }' })).toThrow(/not the sha256 of the document as client-preset prints it/);
    expect(refusal(() => importOperations(readApolloManifest(manifest([{ id: sha256(body), name: 'Me', type: 'query', body }])), { purpose: 'any', clients: [] }, tempDir(), schema)))
      .toEqual([expect.stringMatching(/^--purpose any/), expect.stringMatching(/^--clients/)]);
  });

  test('a file of the same name with another document', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'me.graphql'), '# Purpose: X\n# Clients: y\nquery Me { me { roles } }\n');
    const body = 'query Me {\n  me {\n    id\n  }\n}';
    expect(refusal(() => importOperations([{ name: 'Me', body, id: sha256(body), format: 'test' }], afis, dir, schema)))
      .toEqual(['Me: me.graphql exists with another document']);
  });
});

describe('requests by the ids integrators\' tools send (over HTTP)', () => {
  let s: TestServer;
  let presetId: string;
  let apolloId: string;
  beforeAll(async () => {
    // An integrator's document, its fields in its own order: client-preset's id is then not the server's.
    const source = tempDir();
    writeFileSync(join(source, 'pending.graphql'), 'query PendingByPreset($first: Int) { pendingVerificationRequests(first: $first) { edges { node { surname id capturedAt } } } }\n');
    const generated = await clientPresetDocuments([join(source, 'pending.graphql')]);
    [presetId] = Object.keys(generated);
    const dir = tempDir();
    importOperations(readPersistedDocuments(generated), afis, dir, schema);
    const operations = withToolIds(readOperations(dir));
    apolloId = apolloManifest(operations).operations[0].id;
    expect(apolloId).not.toBe(presetId.replace(/^sha256:/, ''));
    s = await startTestServer({ manifest: byId(operations) });
    await s.gql('intake-a', `mutation { registerDetainee(input: { surname: "Mertens", givenNames: "Jan", institution: "A",
      admittedAt: "2026-11-20T08:00:00Z", capture: { deviceReference: "LIVESCAN-A-01", capturedAt: "2026-11-20T08:05:00Z" } }) { id } }`,
    { purpose: 'IDENTIFICATION_OF_DETAINEES' });
  });
  afterAll(async () => { await s?.stop(); });

  const send = async (who: string, body: object) => {
    const res = await s.post(JSON.stringify(body), { authorization: `Bearer ${await s.token(who)}` });
    return { status: res.status, body: await res.json() as { data?: { pendingVerificationRequests: { edges: unknown[] } }; errors?: { extensions: { code: string } }[] } };
  };

  test('R1 client-preset\'s documentId, as the preset wrote it, runs the imported operation under its bound purpose', async () => {
    const res = await send('afis-link', { documentId: presetId, variables: { first: 5 } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.pendingVerificationRequests.edges.length).toBeGreaterThan(0);
    const [row] = await s.sql(`select purpose, operation_name, operation_id from access_log where principal_id = 'afis-link' order by seq desc limit 1`);
    expect(row).toEqual({ purpose: 'IDENTIFICATION_OF_DETAINEES', operation_name: 'PendingByPreset', operation_id: apolloId });
  });

  test('R1 Apollo\'s extensions.persistedQuery.sha256Hash runs it too', async () => {
    const res = await send('afis-link', { extensions: { persistedQuery: { version: 1, sha256Hash: apolloId } } });
    expect(res.body.errors).toBeUndefined();
  });

  test('an unknown id, or the operation asked by a client it is not bound to, is PERSISTED_QUERY_NOT_FOUND', async () => {
    for (const [who, body] of [
      ['afis-link', { documentId: `sha256:${'e'.repeat(64)}` }],
      ['afis-link', { extensions: { persistedQuery: { version: 1, sha256Hash: shipped[0].id } } }],
      ['municipality-x', { documentId: presetId }],
    ] as const) {
      const res = await send(who, body);
      expect([res.status, res.body.errors?.[0].extensions.code]).toEqual([404, 'PERSISTED_QUERY_NOT_FOUND']);
    }
  });
});
