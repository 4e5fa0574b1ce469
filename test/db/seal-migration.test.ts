import { rowHashV1 } from '../../src/audit/canonical.js';
import { buildEntries } from '../../src/audit/entries.js';
import { sealAll } from '../../src/audit/sealer.js';
import { verifyAccessLog } from '../../src/audit/verify.js';
import type { Principal } from '../../src/authz/principal.js';
import { migrate } from '../../src/db/orm.js';
import { useUnmigratedDatabase } from '../support/unmigrated.js';

const database = useUnmigratedDatabase();

const principal: Principal = { kind: 'staff', id: 'case-manager-a', roles: ['case_manager'], unit: 'institution-a' } as Principal;
const rows = (n: number, tag: string, at = new Date('2026-11-20T10:00:00Z')) => buildEntries(Array.from({ length: n }, (_, i) => ({
  action: 'consult' as const, outcome: 'GRANTED' as const, reason: null, subjectType: 'Person', subjectId: `person-${tag}${i}`,
  personId: `person-${tag}${i}`, fields: ['surname'], categories: ['identity.name'], recipient: null,
})), {
  requestId: `request-${tag}`, at, principal, purpose: 'DETENTION_MANAGEMENT',
  processingRecordVersion: 1, justification: null, operationName: null, operationId: null, policyRevision: 'r1',
});

describe('R5 R10 the move to sealed batches keeps the log verifiable', () => {
  test('rows logged and chained per row before Migration20261123000700 form seal 1, new rows chain after them, and rows of the default partition move into the yearly ones', async () => {
    await database.orm().getMigrator().up({ to: 'Migration20261123000600_retention_holds' });
    const conn = database.orm().em.getConnection();
    // What the first writer did: the rows and their pending marks.
    const columns = `id, at, request_id, action, outcome, reason, principal_id, principal_category, client, recipient_id,
      recipient_category, purpose, processing_record_version, justification, subject_type, subject_id, person_id, fields,
      categories, operation_name, operation_id, policy_revision, hash`;
    // A time the yearly partitions of Migration…0800 cover but the monthly ones before it did not (the
    // current month and three ahead): such rows sit in the default partition until 0800 moves them.
    const now = new Date();
    const uncovered = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() === 0 ? 11 : 0, 1, 10));
    for (const e of [...rows(4, 'old'), ...rows(1, 'default', uncovered)]) {
      await conn.execute(
        `with r as (insert into access_log (${columns}) select ${columns} from json_populate_record(null::access_log, ?::json) returning id, seq)
         insert into access_log_pending select id, seq from r`,
        [JSON.stringify({ id: e.id, at: e.at, request_id: e.requestId, action: e.action, outcome: e.outcome, reason: e.reason,
          principal_id: e.principalId, principal_category: e.principalCategory, client: e.client, recipient_id: e.recipientId,
          recipient_category: e.recipientCategory, purpose: e.purpose, processing_record_version: e.processingRecordVersion,
          justification: e.justification, subject_type: e.subjectType, subject_id: e.subjectId, person_id: e.personId,
          fields: e.fields, categories: e.categories, operation_name: e.operationName, operation_id: e.operationId,
          // Rows of before Migration20261205000100 hashed their time too (format 1).
          policy_revision: e.policyRevision, hash: rowHashV1(e) })]);
    }

    expect(await conn.execute(`select count(*)::int as n from access_log_default where request_id = 'request-default'`)).toEqual([{ n: 1 }]);
    const applied = await database.orm().getMigrator().up({ to: 'Migration20261123000800_access_log_yearly_partitions' });
    expect(applied.map((m) => m.name)).toContain('Migration20261123000700_access_log_seals');
    expect(await conn.execute(`select count(*)::int as n from access_log_default`)).toEqual([{ n: 0 }]);
    expect(await conn.execute(`select tableoid::regclass::text as part from access_log where request_id = 'request-default'`))
      .toEqual([{ part: `access_log_${uncovered.getUTCFullYear()}` }]);
    const [seal] = await conn.execute(`select position, cardinality(entry_ids) as n from access_log_seal`);
    expect(seal).toMatchObject({ position: '1', n: 5 });
    expect(await conn.execute(`select to_regclass('access_log_chain_v1') is not null as kept`)).toEqual([{ kept: true }]);
    await migrate(database.orm());

    const { writeEntries } = await import('../../src/audit/writer.js');
    await database.orm().em.fork().transactional((tx) => writeEntries(tx, rows(3, 'new')));
    expect(await sealAll(database.orm().em.fork(), new Date())).toBe(3);
    expect(await verifyAccessLog(database.orm().em.fork(), {})).toMatchObject({ ok: true, checked: 8, problem: null, headPosition: '2' });
  });
});
