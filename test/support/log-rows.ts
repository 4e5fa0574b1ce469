import type { CollectedRow } from '../../src/audit/collector.js';
import type { Principal } from '../../src/authz/principal.js';
import type { TestServer } from './server.js';

/** A staff principal as the log's row builder needs it (the demo case manager of institution A). */
export const caseManagerA: Principal = {
  id: 'case-manager-a', kind: 'staff', roles: ['case_manager'], institution: 'A', unit: 'institution-A',
  recipientCategory: 'staff:case_manager', designations: [], hasPledge: false,
};

/** A granted consultation of a person's name, as the collector hands it to the log. */
export const consultRow = (personId: string): CollectedRow => ({
  action: 'consult', outcome: 'GRANTED', reason: null, subjectType: 'Person', subjectId: personId, personId,
  fields: ['surname'], categories: ['identity.name'], recipient: null,
});

/** Statements as a database superuser who has switched triggers off: what an intruder could do. */
export async function asIntruder(s: TestServer, ...statements: string[]): Promise<void> {
  await s.sql('set session_replication_role = replica');
  try {
    for (const sql of statements) await s.sql(sql);
  } finally {
    await s.sql('set session_replication_role = origin');
  }
}
