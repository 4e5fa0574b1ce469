import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DecisionCollector } from '../audit/collector.js';
import { buildEntries } from '../audit/entries.js';
import { writeEntries } from '../audit/writer.js';
import { loadPrincipal } from '../auth/principal-loader.js';
import { BREAK_GLASS_ACTION, GLASS_SUBJECT } from '../authz/break-glass.js';
import type { Principal } from '../authz/principal.js';
import { Reason } from '../authz/reasons.js';
import { pgArray } from '../db/pg-array.js';
import { COLUMNS, useFromRow, type BreakGlassRow, type BreakGlassUse } from './BreakGlassUse.js';

/** The end rows' operation name: a start is the breakGlass mutation's own row, an end is this. */
export const END_OPERATION = 'breakGlassEnd';
const BATCH = 500;

/**
 * Ends the break-glass uses whose time is up: sets `ended_at` to their time limit and writes each
 * end's access-log row (alter, GRANTED, BREAK_GLASS, the person and the categories it had opened) in
 * the same transaction, fail-closed like any act. The access itself already stopped at `ends_at`
 * (the principal loader reads live grants only); this makes the end visible in the log. Uses locked
 * by a concurrent run are skipped, so two processes never log one end twice.
 */
export async function endExpiredBreakGlass(em: EntityManager, now: Date, policyRevision: string): Promise<BreakGlassUse[]> {
  return em.fork().transactional(async (tx) => {
    const rows = await tx.execute<BreakGlassRow[]>(
      `select ${COLUMNS} from break_glass where ended_at is null and ends_at <= ? order by ends_at, id limit ${BATCH} for update skip locked`, [now]);
    if (rows.length === 0) return [];
    const uses = rows.map(useFromRow);
    await tx.execute('update break_glass set ended_at = ends_at where id = any(?::uuid[])', [pgArray(uses.map((u) => u.id))], 'run');
    const entries = [];
    for (const use of uses) {
      const collector = new DecisionCollector();
      for (const category of use.categories) {
        collector.record({ allowed: true, reason: Reason.BREAK_GLASS, action: BREAK_GLASS_ACTION, subjectType: GLASS_SUBJECT, category },
          { subjectId: use.personId, personId: use.personId, field: 'breakGlass' }, 'alter');
      }
      entries.push(...buildEntries(collector.rows(), {
        requestId: randomUUID(), at: now, principal: await principalOf(tx, use.principalId, now), purpose: use.purpose,
        processingRecordVersion: null, justification: `break glass ${use.id} ended at its time limit`, operationName: END_OPERATION,
        operationId: null, policyRevision,
      }));
    }
    await writeEntries(tx, entries);
    return uses.map((u) => ({ ...u, endedAt: u.endsAt }));
  });
}

/** The principal as the row names it; one deactivated since keeps its id (its roles are no longer known). */
async function principalOf(em: EntityManager, id: string, now: Date): Promise<Principal> {
  return await loadPrincipal(em, id, now) ??
    { id, kind: 'staff', roles: [], institution: null, unit: 'inactive', recipientCategory: 'staff:', designations: [], hasPledge: false };
}
