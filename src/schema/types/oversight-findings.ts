import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { SubjectPerson } from '../../authz/decide.js';
import { Person } from '../../domain/Person.js';
import { findKeysetPage, type KeysetOrder } from '../../db/keyset.js';
import { describe } from '../../oversight/signals/explanation.js';
import { OversightFinding, SIGNALS } from '../../oversight/signals/OversightFinding.js';
import type { Builder } from '../builder.js';
import { badUserInput } from '../errors.js';
import { keysetConnection } from '../pagination.js';
import { isUuid } from '../validate.js';

const FINDING = 'oversight.finding';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Newest day first, then id: cursors `day|id`. */
const NEWEST_FIRST: KeysetOrder<OversightFinding> = {
  keys: ['day', 'id'], descending: true,
  decode: (cursor, argument) => {
    const [day, id] = cursor.split('|');
    if (!day || !DAY.test(day) || !id || !isUuid(id)) throw badUserInput(argument, 'is not a valid cursor');
    return { day, id };
  },
};
const dayText = (day: string | Date) => (typeof day === 'string' ? day : day.toISOString().slice(0, 10));

interface FindingFilter {
  signal?: (typeof SIGNALS)[number] | null;
  principalId?: string | null;
  from?: Date | null;
  to?: Date | null;
  caseId?: string | number | null;
}

/** The filter argument, checked, as conditions: a finding's window overlaps [from, to). */
function filterConditions(f: FindingFilter): FilterQuery<OversightFinding>[] {
  const where: FilterQuery<OversightFinding>[] = [];
  if (f.signal) where.push({ signal: f.signal });
  if (f.principalId != null) {
    if (f.principalId.length === 0 || f.principalId.length > 200) throw badUserInput('filter.principalId', 'must be 1 to 200 characters');
    where.push({ principalId: f.principalId });
  }
  if (f.from && f.to && f.from >= f.to) throw badUserInput('filter.from', 'must be before filter.to');
  if (f.from) where.push({ windowEnd: { $gt: f.from } });
  if (f.to) where.push({ windowStart: { $lt: f.to } });
  if (f.caseId != null) {
    if (!isUuid(String(f.caseId))) throw badUserInput('filter.caseId', 'is not a review case id');
    where.push({ reviewCase: String(f.caseId) });
  }
  return where;
}

/** A finding with its person's restriction flag, loaded for the page at once (decisions need it, R22). */
type FindingRow = OversightFinding & { subjectPerson?: SubjectPerson | null };

async function withPersons(em: EntityManager, rows: OversightFinding[]): Promise<FindingRow[]> {
  const ids = [...new Set(rows.map((f) => f.personId).filter((id): id is string => !!id))];
  const persons = ids.length === 0 ? [] : await em.find(Person, { id: { $in: ids } }, { fields: ['id', 'restrictionActive'] });
  const restricted = new Map(persons.map((p) => [p.id, p.restrictionActive]));
  // A person no longer in the register (erased) has no restriction to honour.
  return rows.map((f) => Object.assign(f, { subjectPerson: f.personId ? { id: f.personId, restrictionActive: restricted.get(f.personId) ?? false } : null }));
}

/** R10, issue 20: the oversight job's misuse findings, for the auditor and the DPO. */
export function addOversightFindingTypes(builder: Builder): void {
  const Signal = builder.enumType('OversightSignal', { values: SIGNALS });
  const FindingRef = builder.objectRef<FindingRow>('OversightFinding').implement({
    description: 'An explainable misuse signal over the access log (R10), citing the log rows it rests on; `npm run oversight` finds them.',
    // The person a finding is about finds the auditor's reading of it in the log (R21).
    personOf: (f) => f.subjectPerson ?? null,
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      signal: t.field({ type: Signal, category: FINDING, resolve: (f) => f.signal }),
      principalId: t.exposeString('principalId', { category: FINDING, description: 'Whose conduct the finding is about.' }),
      principalCategory: t.exposeString('principalCategory', { category: FINDING }),
      personId: t.exposeID('personId', { category: FINDING, description: 'The person consulted, for signals about one person.' }),
      day: t.field({ type: 'Date', category: FINDING, description: 'The calendar day in the policy\'s time zone.', resolve: (f) => dayText(f.day) }),
      windowStart: t.expose('windowStart', { type: 'DateTime', category: FINDING }),
      windowEnd: t.expose('windowEnd', { type: 'DateTime', category: FINDING }),
      explanation: t.string({
        category: FINDING, description: 'What the finding rests on, in a sentence; counts and thresholds, no personal values.',
        resolve: (f) => describe(f.signal, f.explanation),
      }),
      facts: t.field({ type: 'JSON', category: FINDING, description: 'The explanation as data: counts, thresholds, baseline.', resolve: (f) => f.explanation }),
      logRowIds: t.exposeIDList('logRowIds', {
        category: FINDING, description: 'Access-log rows the finding rests on (up to the policy\'s maxLogRowIds; facts.rows counts all), to verify against the chain.',
      }),
      reviewCaseId: t.id({ category: FINDING, description: 'The review case the finding joined.', resolve: (f) => f.reviewCase?.id ?? null }),
      createdAt: t.expose('createdAt', { type: 'DateTime', category: FINDING }),
    }),
  });

  const Filter = builder.inputType('OversightFindingFilter', {
    description: 'Filters of the findings; all given filters must hold.',
    fields: (t) => ({
      signal: t.field({ type: Signal }),
      principalId: t.string(),
      from: t.field({ type: 'DateTime', description: 'Findings whose window ends after this instant.' }),
      to: t.field({ type: 'DateTime', description: 'Findings whose window starts before this instant.' }),
      caseId: t.id({ description: 'Findings that joined this review case.' }),
    }),
  });

  builder.queryField('oversightFindings', (t) =>
    t.connection({
      type: FindingRef,
      args: { filter: t.arg({ type: Filter }) },
      authorize: { action: 'read', subject: 'OversightFinding', category: FINDING },
      description: 'R10, issue 20: misuse findings over the access log, newest day first; auditor and DPO. Reading them is itself logged.',
      resolve: (_r, args, ctx) => {
        const where = filterConditions(args.filter ?? {});
        return keysetConnection(args, (f: FindingRow) => `${dayText(f.day)}|${f.id}`,
          async (page) => withPersons(ctx.em, await findKeysetPage(ctx.em, OversightFinding, where, page, NEWEST_FIRST)));
      },
    }));
}
