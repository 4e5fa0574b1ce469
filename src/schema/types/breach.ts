import { recordEffect } from '../../audit/effects.js';
import { covers } from '../../authz/ability.js';
import { Breach } from '../../domain/Breach.js';
import { Person } from '../../domain/Person.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { keysetConnection } from '../pagination.js';
import { checkList, checkText, timeIdCursor } from '../validate.js';
import { findKeysetPage, type KeysetOrder } from '../../db/keyset.js';

const BREACH = 'breach.record';
/** GDPR art. 33(1): a notifiable breach is reported within 72 hours of becoming aware of it. */
const REPORT_HOURS = 72;
const MAX_PERSON_IDS = 1000;

interface BreachInput {
  description: string;
  discoveredAt: Date;
  occurredAt?: Date | null;
  dataCategories: string[];
  personsAffectedCount: number;
  personIds?: (string | number)[] | null;
  measures: string;
  reportedToAuthority: boolean;
  notReportedReason?: string | null;
  reportedAt?: Date | null;
}

/** R25: refuses an incomplete or inconsistent breach record before anything is stored; names the field. */
async function checkBreach(ctx: GraphQLContext, input: BreachInput): Promise<string[]> {
  checkText('input.description', input.description, 4000);
  if (input.discoveredAt > ctx.now) throw badUserInput('input.discoveredAt', 'cannot be in the future');
  if (input.occurredAt && input.occurredAt > input.discoveredAt) throw badUserInput('input.occurredAt', 'cannot be after input.discoveredAt');
  if (input.dataCategories.length === 0) throw badUserInput('input.dataCategories', 'name at least one category');
  checkList('input.dataCategories', input.dataCategories);
  const known = [...ctx.policy.categories.keys()];
  input.dataCategories.forEach((c, i) => {
    if (!known.some((k) => covers([c], k))) throw badUserInput(`input.dataCategories[${i}]`, 'is not a category of policies/categories.yaml');
  });
  const personIds = [...new Set((input.personIds ?? []).map(String))];
  if (personIds.length > MAX_PERSON_IDS) throw badUserInput('input.personIds', `at most ${MAX_PERSON_IDS}; give the count for more`);
  if (personIds.some((id) => id.length === 0 || id.length > 100)) throw badUserInput('input.personIds', 'every id must be 1 to 100 characters');
  if (personIds.length > 0 && await ctx.em.count(Person, { id: { $in: personIds } }) !== personIds.length) {
    throw badUserInput('input.personIds', 'every id must name a known person');
  }
  if (!Number.isInteger(input.personsAffectedCount) || input.personsAffectedCount < personIds.length) {
    throw badUserInput('input.personsAffectedCount', 'must be a whole number, at least the number of personIds');
  }
  checkText('input.measures', input.measures, 4000);
  // R25: every breach is documented; one not reported to the authority says why not.
  if (input.reportedToAuthority) {
    if (!input.reportedAt) throw badUserInput('input.reportedAt', 'is required when the breach was reported');
    if (input.reportedAt > ctx.now) throw badUserInput('input.reportedAt', 'cannot be in the future');
    if (input.notReportedReason != null) throw badUserInput('input.notReportedReason', 'only when the breach was not reported');
  } else {
    if (input.notReportedReason == null || input.notReportedReason.trim() === '') {
      throw badUserInput('input.notReportedReason', 'is required when the breach is not reported to the authority (R25)');
    }
    checkText('input.notReportedReason', input.notReportedReason, 2000);
    if (input.reportedAt) throw badUserInput('input.reportedAt', 'only when the breach was reported');
  }
  return personIds;
}

/** The register newest first: cursors `recordedAt|id`. */
const RECORDED = timeIdCursor('recordedAt');
const NEWEST_FIRST: KeysetOrder<Breach> = { keys: ['recordedAt', 'id'], descending: true, decode: RECORDED.decode };

/** R9, R25: the breach register, kept by the DPO and read by the supervisory authority. */
export function addBreachTypes(builder: Builder): void {
  const BreachRef = builder.objectRef<Breach>('Breach').implement({
    description: 'R25: a security breach, documented whether or not it was reported to the supervisory authority.',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      description: t.exposeString('description', { category: BREACH }),
      discoveredAt: t.expose('discoveredAt', { type: 'DateTime', category: BREACH }),
      occurredAt: t.expose('occurredAt', { type: 'DateTime', category: BREACH, description: 'When it occurred, if known.' }),
      dataCategories: t.exposeStringList('dataCategories', { category: BREACH }),
      personsAffectedCount: t.exposeInt('personsAffectedCount', { category: BREACH }),
      personIds: t.exposeStringList('personIds', { category: BREACH, description: 'The persons known to be affected.' }),
      measures: t.exposeString('measures', { category: BREACH }),
      reportedToAuthority: t.exposeBoolean('reportedToAuthority', { category: BREACH }),
      notReportedReason: t.exposeString('notReportedReason', { category: BREACH }),
      reportedAt: t.expose('reportedAt', { type: 'DateTime', category: BREACH }),
      reportedWithin72Hours: t.boolean({
        category: BREACH, description: 'GDPR art. 33(1); null when not reported.',
        resolve: (b) => (b.reportedAt ? b.reportedAt.getTime() - b.discoveredAt.getTime() <= REPORT_HOURS * 3_600_000 : null),
      }),
      recordedBy: t.exposeString('recordedBy', { category: BREACH }),
      recordedAt: t.expose('recordedAt', { type: 'DateTime', category: BREACH }),
    }),
  });

  const Input = builder.inputType('RecordBreachInput', {
    fields: (t) => ({
      description: t.string({ required: true, description: 'What happened.' }),
      discoveredAt: t.field({ type: 'DateTime', required: true }),
      occurredAt: t.field({ type: 'DateTime', description: 'When it occurred, if known.' }),
      dataCategories: t.stringList({ required: true, description: 'The data categories concerned (policies/categories.yaml).' }),
      personsAffectedCount: t.int({ required: true }),
      personIds: t.idList({ description: `The persons known to be affected (at most ${MAX_PERSON_IDS}).` }),
      measures: t.string({ required: true, description: 'Measures taken to end the breach and limit its effects.' }),
      reportedToAuthority: t.boolean({ required: true }),
      notReportedReason: t.string({ description: 'Required when not reported: why a report is not needed (R25).' }),
      reportedAt: t.field({ type: 'DateTime', description: 'Required when reported.' }),
    }),
  });

  builder.mutationField('recordBreach', (t) =>
    t.field({
      type: BreachRef,
      args: { input: t.arg({ type: Input, required: true }) },
      authorize: { action: 'create', subject: 'Breach', category: BREACH, logAs: 'collect' },
      description: 'R9, R25: the DPO documents a breach in the register, reported to the authority or not, and why not.',
      resolve: async (_r, { input }, ctx) => {
        const breach = await ctx.em.transactional(async (em) => {
          const personIds = await checkBreach(ctx, input);
          const made = Object.assign(new Breach(), {
            description: input.description, discoveredAt: input.discoveredAt, occurredAt: input.occurredAt ?? null,
            dataCategories: [...new Set(input.dataCategories)].sort(), personsAffectedCount: input.personsAffectedCount, personIds,
            measures: input.measures, reportedToAuthority: input.reportedToAuthority, notReportedReason: input.notReportedReason ?? null,
            reportedAt: input.reportedAt ?? null, recordedBy: ctx.principal.id, recordedAt: ctx.now,
          });
          em.persist(made);
          return made;
        });
        // R10: the record holds data about each person named as affected; each finds it in the log.
        for (const personId of breach.personIds) {
          recordEffect(ctx.authz.collector, {
            action: 'collect', subjectType: 'Breach', subjectId: breach.id, personId, fields: ['personIds'], categories: [BREACH],
          });
        }
        return breach;
      },
    }));

  builder.queryField('breaches', (t) =>
    t.connection({
      type: BreachRef,
      authorize: { action: 'read', subject: 'Breach', category: BREACH },
      description: 'R25: the breach register, newest first, for the DPO and the supervisory authority.',
      resolve: (_r, args, ctx) =>
        keysetConnection(args, (b: Breach) => RECORDED.encode(b.recordedAt, b.id), (page) => findKeysetPage(ctx.em, Breach, [], page, NEWEST_FIRST)),
    }));
}
