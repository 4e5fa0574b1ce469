import { randomUUID } from 'node:crypto';
import { buildEntries } from '../../src/audit/entries.js';
import { GroupCommit } from '../../src/audit/group-commit.js';
import { writeEntries } from '../../src/audit/writer.js';
import { onServer, startTestServer, type TestServer } from '../support/server.js';
import { caseManagerA as principal, consultRow as row } from '../support/log-rows.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

/** The rows of one read request, tagged with its justification. */
const request = (tag: string, persons: number) => buildEntries(Array.from({ length: persons }, (_, i) => row(`person-a${i + 1}`)), {
  requestId: randomUUID(), at: new Date(), principal, purpose: 'DETENTION_MANAGEMENT', justification: tag,
  processingRecordVersion: 1, operationName: null, operationId: null, policyRevision: s.policy.revision,
});
const groupCommit = (maxRows?: number) => new GroupCommit((entries) => writeEntries(s.orm.em.fork(), entries), maxRows);
const stored = (tag: string) => s.sql(`select request_id, tx::text as tx, justification from access_log where justification like $1 order by seq`, [`${tag}%`]);

describe('R10 group commit of read requests\' log rows', () => {
  test('requests answered while a write is on its way share the next INSERT; every row lands, in request order', async () => {
    const batcher = groupCommit();
    const requests = Array.from({ length: 5 }, (_, i) => request(`group-${i}`, 3));
    // The first goes at once; the four asked for meanwhile wait and go together.
    await Promise.all(requests.map((r) => batcher.write(r)));
    const rows = await stored('group-');
    expect(rows.map((r) => r.justification)).toEqual(requests.flatMap((r) => r.map((e) => e.justification)));
    const txOf = (i: number) => new Set(rows.filter((r) => r.justification === `group-${i}`).map((r) => r.tx));
    expect(txOf(0).size).toBe(1);
    expect(txOf(1)).toEqual(txOf(4));
    expect([...txOf(0)]).not.toEqual([...txOf(1)]);
  });

  test('a batch is capped by rows, but a request larger than the cap still goes whole', async () => {
    const batcher = groupCommit(4);
    await Promise.all([request('cap-0', 2), request('cap-1', 3), request('cap-2', 6)].map((r) => batcher.write(r)));
    const rows = await stored('cap-');
    const txs = (tag: string) => new Set(rows.filter((r) => r.justification === tag).map((r) => r.tx));
    expect(rows).toHaveLength(11);
    // cap-0 alone (first), then cap-1 (3 rows; cap-2 would pass the cap), then cap-2 whole.
    expect(new Set([...txs('cap-0'), ...txs('cap-1'), ...txs('cap-2')]).size).toBe(3);
  });

  onServer('when the batch cannot be written every request in it fails, and none of its rows is kept', async () => {
    const batcher = groupCommit();
    await s.sql('revoke insert on access_log from ntk_app');
    try {
      const results = await Promise.allSettled([request('failed-0', 2), request('failed-1', 2), request('failed-2', 2)].map((r) => batcher.write(r)));
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    } finally {
      await s.sql('grant insert on access_log to ntk_app');
    }
    expect(await stored('failed-')).toEqual([]);
    // And the batcher carries on once the log is writable again.
    await batcher.write(request('failed-after', 1));
    expect(await stored('failed-after')).toHaveLength(1);
  });

  onServer('concurrent personal-data queries over HTTP: each answer arrives after its own rows are committed', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, async (_, i) => {
      const res = await s.gql('case-manager-a', '{ person(id: "person-a1") { surname } }', { purpose: 'DETENTION_MANAGEMENT', justification: `http-${i}` });
      // Read at once on another connection: the rows must already be there.
      return { status: res.status, rows: (await stored(`http-${i}`)).filter((r) => r.justification === `http-${i}`).length };
    }));
    expect(answers).toEqual(Array.from({ length: 12 }, () => ({ status: 200, rows: 1 })));
  });
});
