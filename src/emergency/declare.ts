import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { principalCategory } from '../audit/entries.js';
import type { Principal } from '../authz/principal.js';
import { pgArray } from '../db/pg-array.js';
import { openOrJoinCase } from '../oversight/cases/open-case.js';
import { COLUMNS, useFromRow, type BreakGlassRow, type BreakGlassUse } from './BreakGlassUse.js';

export interface Declaration {
  principal: Principal;
  purpose: string;
  personId: string;
  reasonCode: string;
  justification: string;
  /** The categories the glass opens for this principal under this purpose (its access's terms). */
  categories: string[];
  durationMinutes: number;
  at: Date;
}

/**
 * Breaks the glass: records the time-boxed grant and opens (or joins) the principal's review case at
 * once, in the caller's transaction, so a declaration never stands without its case (issue 20, R10).
 * From the next request on, the principal's access carries the grant (src/auth/principal-loader.ts).
 */
export async function declareBreakGlass(em: EntityManager, d: Declaration): Promise<BreakGlassUse> {
  const id = randomUUID();
  const endsAt = new Date(d.at.getTime() + d.durationMinutes * 60_000);
  await em.execute(
    `insert into break_glass (id, principal_id, person_id, purpose, reason_code, justification, categories, started_at, ends_at)
     values (?, ?, ?, ?, ?, ?, ?::text[], ?, ?)`,
    [id, d.principal.id, d.personId, d.purpose, d.reasonCode, d.justification, pgArray([...d.categories].sort()), d.at, endsAt],
    'run',
  );
  await openOrJoinCase(em, {
    principalId: d.principal.id, principalCategory: principalCategory(d.principal), at: d.at, source: { kind: 'BREAK_GLASS', breakGlassId: id },
  });
  const [row] = await em.execute<BreakGlassRow[]>(`select ${COLUMNS} from break_glass where id = ?`, [id]);
  return useFromRow(row);
}
