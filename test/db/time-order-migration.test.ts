import { buildEntries } from '../../src/audit/entries.js';
import { sealAll } from '../../src/audit/sealer.js';
import { verifyAccessLog } from '../../src/audit/verify.js';
import { rowHashV1 } from '../../src/audit/canonical.js';
import type { Principal } from '../../src/authz/principal.js';
import { migrate } from '../../src/db/orm.js';
import { useUnmigratedDatabase } from '../support/unmigrated.js';

const database = useUnmigratedDatabase();

const principal = { kind: 'staff', id: 'auditor', roles: ['auditor'], unit: 'inspection' } as Principal;
const rows = (tag: string, at: Date) => buildEntries([{
  action: 'consult', outcome: 'GRANTED', reason: null, subjectType: 'Person', subjectId: `person-${tag}`,
  personId: `person-${tag}`, fields: ['surname'], categories: ['identity.name'], recipient: null,
}], {
  requestId: `request-${tag}`, at, principal, purpose: 'SUPERVISION_AUDIT',
  processingRecordVersion: 1, justification: null, operationName: null, operationId: null, policyRevision: 'r1',
});
const COLUMNS = `id, at, request_id, action, outcome, reason, principal_id, principal_category, client, recipient_id, recipient_category,
  purpose, processing_record_version, justification, subject_type, subject_id, person_id, fields, categories, operation_name, operation_id,
  policy_revision, hash`;
/**
 * A row at a chosen time, as the owner writes it (the API's role may not: the database sets `at`
 * since Migration20261205000100); `v1`: a row of before that migration, whose hash covered the time.
 */
const write = async (tag: string, at: Date, v1 = false) => {
  const [e] = rows(tag, at);
  await database.orm().em.getConnection().execute(
    `insert into access_log (${COLUMNS}) select ${COLUMNS} from json_populate_record(null::access_log, ?::json)`,
    [JSON.stringify({ id: e.id, at, request_id: e.requestId, action: e.action, outcome: e.outcome, reason: e.reason, principal_id: e.principalId,
      principal_category: e.principalCategory, client: e.client, recipient_id: e.recipientId, recipient_category: e.recipientCategory,
      purpose: e.purpose, processing_record_version: e.processingRecordVersion, justification: e.justification, subject_type: e.subjectType,
      subject_id: e.subjectId, person_id: e.personId, fields: e.fields, categories: e.categories, operation_name: e.operationName,
      operation_id: e.operationId, policy_revision: e.policyRevision, hash: v1 ? rowHashV1(e) : e.hash })]);
};
const partitionOf = async (tag: string) => (await database.orm().em.getConnection().execute(
  `select tableoid::regclass::text as part from access_log where request_id = ?`, [`request-${tag}`]))[0]?.part;
const year = new Date().getUTCFullYear();

// Migration20261123000900: the yearly partitions are read in time order, which PostgreSQL allows
// only without a default partition; two range partitions catch the times no year covers.
describe('R5 R10 partitions in time order, every time covered', () => {
  test('rows of the default partition move to the partitions that cover them; years reach ten back', async () => {
    await database.orm().getMigrator().up({ to: 'Migration20261123000800_access_log_yearly_partitions' });
    await write('now', new Date(), true);
    await write('far', new Date(Date.UTC(year + 20, 5, 1)), true);
    expect(await partitionOf('far')).toBe('access_log_default');
    // The migration under test comes first; later ones follow it.
    expect((await migrate(database.orm()))[0]).toBe('Migration20261123000900_access_log_time_order');

    expect(await partitionOf('now')).toBe(`access_log_${year}`);
    expect(await partitionOf('far')).toBe('access_log_after');
    const parts = (await database.orm().em.getConnection().execute<{ name: string }[]>(`select name from access_log_partition_ranges() order by lower nulls first`))
      .map((p) => p.name);
    expect(parts[0]).toBe('access_log_before');
    expect(parts.at(-1)).toBe('access_log_after');
    expect(parts).toContain(`access_log_${year - 10}`);
    expect(parts).not.toContain('access_log_default');
  });

  test('a time before every year lands in access_log_before; writes never lack a partition', async () => {
    await write('old', new Date(Date.UTC(year - 30, 0, 1)));
    expect(await partitionOf('old')).toBe('access_log_before');
  });

  test('access_log_ensure_partitions takes a new year out of access_log_after, its rows with it, and the log still verifies', async () => {
    const conn = database.orm().em.getConnection();
    // As the year after next will find the log: its year not yet made, its rows in access_log_after.
    const next = year + 1;
    await conn.execute(`alter table access_log detach partition access_log_${next}`);
    await conn.execute(`drop table access_log_${next}`);
    await conn.execute(`alter table access_log detach partition access_log_after`);
    await conn.execute(`alter table access_log_after rename to access_log_after_old`);
    await conn.execute(`create table access_log_after partition of access_log for values from ('${next}-01-01') to (maxvalue)`);
    await conn.execute(`insert into access_log select * from access_log_after_old`);
    await conn.execute(`drop table access_log_after_old`);
    await write('next', new Date(Date.UTC(next, 5, 1)));
    expect(await partitionOf('next')).toBe('access_log_after');
    // 'now' and 'far' were sealed by Migration20261205000100 (format 1), 'old' and 'next' here.
    expect(await sealAll(database.orm().em.fork(), new Date())).toBe(2);

    await conn.execute('select access_log_ensure_partitions(3)');
    expect(await partitionOf('next')).toBe(`access_log_${next}`);
    expect(await partitionOf('far')).toBe('access_log_after');
    // Sealed before the move, verified after it: the rows moved with their seq, tx and hash.
    expect(await verifyAccessLog(database.orm().em.fork(), {})).toMatchObject({ ok: true, checked: 4, problem: null });
  });

  test('R5 the partitions that catch other times cannot be dropped', async () => {
    for (const p of ['access_log_before', 'access_log_after']) {
      await expect(database.orm().em.getConnection().execute(`select access_log_drop_partition('${p}')`)).rejects.toThrow(/catches the times no year covers/);
    }
  });
});
