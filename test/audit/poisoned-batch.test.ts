import { randomUUID } from 'node:crypto';
import { buildEntries, UnloggableRow } from '../../src/audit/entries.js';
import { GroupCommit } from '../../src/audit/group-commit.js';
import { writeEntries } from '../../src/audit/writer.js';
import { onServer, startTestServer, type TestServer } from '../support/server.js';
import { caseManagerA as principal, consultRow as row } from '../support/log-rows.js';

// Issue 16, finding 7: one request's bad row must not fail the other requests of a group commit.
let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

const meta = (justification: string) => ({
  requestId: randomUUID(), at: new Date(), principal, purpose: 'DETENTION_MANAGEMENT', justification,
  processingRecordVersion: 1, operationName: null, operationId: null, policyRevision: s.policy.revision,
});
const stored = (tag: string) => s.sql(`select justification from access_log where justification like $1`, [`${tag}%`]);

describe('R10 one bad request does not poison the group commit', () => {
  test('R10 the row builder refuses a NUL (PostgreSQL text refuses it) before the row reaches a shared INSERT', () => {
    expect(() => buildEntries([row('x\u0000')], meta('nul'))).toThrow(UnloggableRow);
    expect(() => buildEntries([row('person-a1')], meta('nul\u0000'))).toThrow(UnloggableRow);
    expect(buildEntries([row('person-a1')], meta('fine'))).toHaveLength(1);
  });

  onServer('R10 a batch the database refuses for one request\'s rows is written again request by request: only that request fails', async () => {
    const batcher = new GroupCommit((entries) => writeEntries(s.orm.em.fork(), entries));
    const good = Array.from({ length: 5 }, (_, i) => buildEntries([row('person-a1'), row('person-a2')], meta(`retry-${i}`)));
    // An id that is not a UUID: the builder cannot know, the INSERT fails (22P02) for the whole batch.
    const bad = buildEntries([row('person-a1')], meta('retry-bad'));
    bad[0].id = 'not-a-uuid';
    const results = await Promise.allSettled([good[0], bad, ...good.slice(1)].map((e) => batcher.write(e)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((await stored('retry-')).map((r) => r.justification).sort()).toEqual(good.flatMap((g) => g.map((e) => e.justification)).sort());
  });

  onServer('R10 a request with a NUL in an id among many innocent concurrent reads: every innocent read answers with its data', async () => {
    const innocent = () => s.gql('case-manager-a', '{ person(id: "person-a1") { surname } }', { purpose: 'DETENTION_MANAGEMENT' });
    const poisoned = () => s.gql('dpo', `{ restrictionHistory(personId: "${'x'.repeat(40)}\\u0000") { decidedAt } }`, { purpose: 'SUBJECT_RIGHTS' });
    const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 8 === 3 ? poisoned() : innocent()).then((res) => ({ i, res }))));
    for (const { i, res } of answers) {
      if (i % 8 === 3) {
        // Refused alone: by id validation (BAD_USER_INPUT) or, failing that, by the log (fail-closed).
        expect(['BAD_USER_INPUT', 'AUDIT_LOG_UNAVAILABLE']).toContain(res.body.errors?.[0]?.extensions?.code);
      } else {
        expect(res.status).toBe(200);
        expect(res.body.data.person.surname).toBe('Jansen');
      }
    }
  });
});
