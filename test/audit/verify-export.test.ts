import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { verifyExport } from '../../src/audit/offline-verify.js';
import { writeCheckpoint } from '../../src/audit/sealer.js';
import { checkpointSigner, DEVELOPMENT_AUDIT_SEED } from '../../src/audit/signing.js';
import { trustedKey } from '../../src/audit/trusted-keys.js';
import { sealEverything } from './seal-everything.js';
import { onServer, startTestServer, type GqlResult, type TestServer } from '../support/server.js';

// Issue 16, finding 3: what the supervisory authority receives can be checked with the public key
// alone, and a changed, dropped, inserted or reordered row is reported (R10).
let s: TestServer;
let dir: string;
const signer = checkpointSigner(DEVELOPMENT_AUDIT_SEED);
const publicKey = trustedKey(signer.publicKey);
beforeAll(async () => {
  s = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'verify-export-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await s.stop();
});

const EXPORT = `query($to: DateTime, $after: String) {
  exportAccessLog(format: JSON_LINES, filter: { to: $to }, first: 7, after: $after) { count hasNextPage endCursor content proof }
}`;

/** Every page's content and proof, one file, as the authority is told to make it (docs/access-log.md). */
async function exportFile(to: Date): Promise<string> {
  const parts: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res: GqlResult = await s.gql('auditor', EXPORT, { purpose: 'SUPERVISION_AUDIT', variables: { to: to.toISOString(), after } });
    expect(res.body.errors).toBeUndefined();
    const e: { content: string; proof: string; hasNextPage: boolean; endCursor: string | null } = res.body.data.exportAccessLog;
    if (e.content) parts.push(e.content);
    parts.push(e.proof);
    if (!e.hasNextPage) break;
    after = e.endCursor;
  }
  return `${parts.join('\n')}\n`;
}

const run = promisify(execFile);
async function verifier(text: string): Promise<{ code: number; out: string }> {
  const file = join(dir, `export-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, text);
  try {
    const { stdout } = await run('npx', ['tsx', 'scripts/verify-export.ts', file, '--public-key', publicKey.hex], { cwd: process.cwd() });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

let file = '';
let rowLines: { index: number; id: string }[] = [];
const lines = () => file.trimEnd().split('\n');
const rowsOf = (text: string) => text.trimEnd().split('\n').map((l, index) => ({ index, v: JSON.parse(l) }))
  .filter((l) => !l.v.kind).map((l) => ({ index: l.index, id: l.v.id as string }));

describe('R10 the offline verifier (npm run verify:export)', () => {
  beforeAll(async () => {
    for (let i = 0; i < 6; i++) {
      await s.gql('case-manager-a', '{ person(id: "person-a1") { surname medicalNotes } }', { purpose: 'DETENTION_MANAGEMENT', justification: `export-${i}` });
      await s.gql('case-manager-b', '{ person(id: "person-b1") { surname } }', { purpose: 'DETENTION_MANAGEMENT', justification: `export-b-${i}` });
    }
    // What the sealer loop of a running API does (the test server runs none).
    await sealEverything(s);
    await s.orm.em.fork().transactional((tx) => writeCheckpoint(tx, signer, new Date()));
    const [{ now }] = await s.sql<{ now: Date }>('select clock_timestamp() as now');
    file = await exportFile(new Date(now));
    rowLines = rowsOf(file);
  });

  onServer('R10 an untouched export verifies with the public key alone, every row in it, several pages', async () => {
    expect(rowLines.length).toBeGreaterThan(14);
    const report = verifyExport(file, { publicKeys: [publicKey], maxAgeMs: 90_500 });
    expect(report).toMatchObject({ ok: true, findings: [], completenessChecked: true, rows: rowLines.length });
    const cli = await verifier(file);
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('OK:');
  });

  onServer('R10 a changed row is reported with its id (exit code 1)', async () => {
    const target = rowLines[5];
    const changed = lines().map((l, i) => (i === target.index ? l.replace(/"justification":"[^"]*"/, '"justification":"nothing to see"') : l)).join('\n');
    const cli = await verifier(changed);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`ROW_CHANGED row ${target.id}`);
  });

  onServer('R10 a dropped row is reported with its id', async () => {
    const target = rowLines[4];
    const dropped = lines().filter((_, i) => i !== target.index).join('\n');
    const cli = await verifier(dropped);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`ROW_DELETED row ${target.id}`);
  });

  onServer('R10 an inserted row is reported with its id', async () => {
    const source = rowLines[3];
    const forgedId = '01a00000-0000-7000-8000-000000000001';
    const all = lines();
    const copy = all[source.index].replace(source.id, forgedId);
    const inserted = [...all.slice(0, source.index + 1), copy, ...all.slice(source.index + 1)].join('\n');
    const cli = await verifier(inserted);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`ROW_INSERTED row ${forgedId}`);
  });

  onServer('R10 reordered rows are reported', async () => {
    const [a, b] = [rowLines[6], rowLines[7]];
    const all = lines();
    [all[a.index], all[b.index]] = [all[b.index], all[a.index]];
    const cli = await verifier(all.join('\n'));
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(new RegExp(`ROW_REORDERED row (${a.id}|${b.id})`));
  });

  onServer('R10 an export filtered by person proves each of its rows; completeness is not claimed', async () => {
    const res = await s.gql('auditor', `{ exportAccessLog(format: JSON_LINES, filter: { personId: "person-a1" }, first: 1000) { content proof } }`,
      { purpose: 'SUPERVISION_AUDIT' });
    const { content, proof } = res.body.data.exportAccessLog;
    const sealed = content.split('\n').filter((l: string) => !l.includes('"chain":null')).join('\n');
    const report = verifyExport(`${sealed}\n${proof}`, { publicKeys: [publicKey], maxAgeMs: 90_500 });
    expect(report).toMatchObject({ ok: true, completenessChecked: false });
    expect(report.rows).toBeGreaterThanOrEqual(6);
  });

  onServer('R10 a checkpoint signed with another key, or a wrong public key given, is reported', async () => {
    const other = trustedKey(checkpointSigner('11'.repeat(32)).publicKey);
    const report = verifyExport(file, { publicKeys: [other], maxAgeMs: 90_500 });
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => f.problem)).toContain('CHECKPOINT_UNKNOWN_KEY');
    const noCheckpoints = lines().filter((l) => !l.startsWith('{"kind":"checkpoint"')).join('\n');
    expect(verifyExport(noCheckpoints, { publicKeys: [publicKey], maxAgeMs: 90_500 }).findings.map((f) => f.problem)).toContain('NOT_CHECKPOINTED');
  });
});
