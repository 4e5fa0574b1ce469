import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../db/pg-array.js';
import { dueDate, reviewPolicy, type ReviewPolicy } from './review-policy.js';
import type { ReviewEventKind } from './ReviewCaseEvent.js';

export type CaseSource = { kind: 'FINDING'; findingIds: string[] } | { kind: 'BREAK_GLASS'; breakGlassId: string };

export interface OpenOrJoinInput {
  principalId: string;
  principalCategory: string;
  at: Date;
  source: CaseSource;
}

/** Who acts when a case opens or grows by itself: the oversight job, or the principal who broke the glass. */
export const OVERSIGHT_ACTOR = 'oversight';

/**
 * Joins work to the principal's open case, or opens one due a review term later (issue 20, R10).
 * Runs in the caller's transaction, so a finding or a break-glass use and its case commit together.
 * Safe concurrently: the partial unique index on open cases makes a second opener wait and then
 * join (ON CONFLICT … DO UPDATE locks and returns the existing row), never open a second case.
 */
export async function openOrJoinCase(em: EntityManager, input: OpenOrJoinInput, policy: ReviewPolicy = reviewPolicy()): Promise<string> {
  const { principalId, principalCategory, at, source } = input;
  const [row] = await em.execute<{ id: string; opened: boolean }[]>(
    `insert into review_case (id, principal_id, principal_category, status, source, opened_at, due_at)
     values (?, ?, ?, 'OPEN', ?, ?, ?)
     on conflict (principal_id) where status = 'OPEN' do update set principal_id = excluded.principal_id
     returning id, (xmax = 0) as opened`,
    [randomUUID(), principalId, principalCategory, source.kind, at, dueDate(at, policy)],
  );
  const actor = source.kind === 'BREAK_GLASS' ? principalId : OVERSIGHT_ACTOR;
  const events: [ReviewEventKind, string | null, string | null][] = [];
  if (row.opened) events.push(['OPENED', null, null]);
  if (source.kind === 'FINDING') {
    for (const id of source.findingIds) events.push(['FINDING_JOINED', id, null]);
    if (source.findingIds.length > 0) {
      await em.execute(`update oversight_finding set review_case_id = ? where id = any(?::uuid[])`, [row.id, pgArray(source.findingIds)], 'run');
    }
  } else {
    events.push(['BREAK_GLASS_JOINED', null, source.breakGlassId]);
    await em.execute(`update break_glass set review_case_id = ? where id = ?`, [row.id, source.breakGlassId], 'run');
  }
  await em.execute(
    `insert into review_case_event (id, case_id, kind, actor_id, at, finding_id, break_glass_id)
     select gen_random_uuid(), ?, e.kind, ?, ?, e.finding_id, e.break_glass_id
     from unnest(?::text[], ?::uuid[], ?::uuid[]) with ordinality as e(kind, finding_id, break_glass_id, n) order by e.n`,
    [row.id, actor, at, pgArray(events.map((e) => e[0])), pgArray(events.map((e) => e[1])), pgArray(events.map((e) => e[2]))],
    'run',
  );
  return row.id;
}
