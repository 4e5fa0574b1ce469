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
  // Kind, text (a finding's signal, so the queue lists and filters by signal from its own table), finding, break glass.
  const events: [ReviewEventKind, string | null, string | null, string | null][] = [];
  if (row.opened) events.push(['OPENED', null, null, null]);
  if (source.kind === 'FINDING') {
    const joined = source.findingIds.length === 0 ? [] : await em.execute<{ id: string; signal: string }[]>(
      `update oversight_finding set review_case_id = ? where id = any(?::uuid[]) returning id, signal`, [row.id, pgArray(source.findingIds)]);
    for (const f of joined) events.push(['FINDING_JOINED', f.signal, f.id, null]);
  } else {
    events.push(['BREAK_GLASS_JOINED', null, null, source.breakGlassId]);
    await em.execute(`update break_glass set review_case_id = ? where id = ?`, [row.id, source.breakGlassId], 'run');
  }
  await em.execute(
    `insert into review_case_event (id, case_id, kind, actor_id, at, text, finding_id, break_glass_id)
     select gen_random_uuid(), ?, e.kind, ?, ?, e.text, e.finding_id, e.break_glass_id
     from unnest(?::text[], ?::text[], ?::uuid[], ?::uuid[]) with ordinality as e(kind, text, finding_id, break_glass_id, n) order by e.n`,
    [row.id, actor, at, ...[0, 1, 2, 3].map((i) => pgArray(events.map((e) => e[i])))],
    'run',
  );
  return row.id;
}
