import { covers } from '../../authz/ability.js';
import { recordDecisions, recordEffect, type Effect } from '../../audit/effects.js';
import { decideEach } from '../../authz/decide.js';
import { REQUESTER } from '../../rights/recipients.js';
import { onlyColumns } from '../../db/columns.js';
import { Person } from '../../domain/Person.js';
import { RightsRequest } from '../../domain/RightsRequest.js';
import { RECTIFIABLE, rectificationProblem, type RectifiableField } from '../../rights/rectification.js';
import { resolveRequest, type Resolution } from '../../rights/resolve.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { checkList, checkText } from '../validate.js';
import type { addRightsObjects, RefusalReason } from './rights-objects.js';
import { findNotification, findRequest, openRequest } from './rights-load.js';

const RIGHTS = 'rights.request';

interface ResolveArgs {
  outcome: 'GRANTED' | 'REFUSED';
  answer: string;
  refusalReason?: RefusalReason | null;
  rectification?: Partial<Record<RectifiableField, string | null>> | null;
  withheldCategories?: string[] | null;
}

/** Checks a resolution against the request's kind before anything changes; BAD_USER_INPUT names the argument. */
function checkResolution(ctx: GraphQLContext, request: RightsRequest, person: Person, a: ResolveArgs): Resolution {
  checkText('answer', a.answer, 4000);
  const granted = a.outcome === 'GRANTED';
  if (!granted && !a.refusalReason) throw badUserInput('refusalReason', 'is required when the request is refused');
  if (granted && a.refusalReason) throw badUserInput('refusalReason', 'only when the request is refused');
  const asked = a.withheldCategories ?? [];
  if (asked.length > 0) {
    if (!granted || (request.kind !== 'ACCESS' && request.kind !== 'PORTABILITY')) {
      throw badUserInput('withheldCategories', 'only when an access or portability request is granted');
    }
    checkList('withheldCategories', asked);
    const known = [...ctx.policy.categories.keys()];
    asked.forEach((c, i) => {
      if (!known.some((k) => covers([c], k))) throw badUserInput(`withheldCategories[${i}]`, 'is not a category of policies/categories.yaml');
    });
  }
  const withheld = [...new Set(asked)];
  const given = Object.entries(a.rectification ?? {}).filter(([, v]) => v != null) as [RectifiableField, string][];
  if (a.rectification && (request.kind !== 'RECTIFICATION' || !granted)) {
    throw badUserInput('rectification', 'only when a rectification request is granted');
  }
  if (request.kind === 'RECTIFICATION' && granted) {
    if (given.length === 0) throw badUserInput('rectification', 'name at least one corrected value');
    if (person.anonymisedAt) throw badUserInput('id', 'the person\'s data were erased; there is nothing to rectify');
    const today = ctx.now.toISOString().slice(0, 10);
    for (const [field, value] of given) {
      const problem = rectificationProblem(field, value, today);
      if (problem) throw badUserInput(`rectification.${field}`, problem);
    }
  }
  return {
    outcome: a.outcome, answer: a.answer, refusalReason: a.refusalReason ?? null, withheldCategories: withheld,
    rectification: given.length > 0 ? Object.fromEntries(given) : null,
  };
}

/** resolveRightsRequest and the notices to recipients that follow it (R21). */
export function addRightsResolution(builder: Builder, refs: ReturnType<typeof addRightsObjects>): void {
  const { Request, Notification, Refusal } = refs;
  const Outcome = builder.enumType('RightsOutcome', { values: ['GRANTED', 'REFUSED'] as const });
  const RectificationInput = builder.inputType('RectificationInput', {
    description: 'R21: the corrected values; only these fields can be rectified this way.',
    fields: (t) => ({
      surname: t.string({ description: RECTIFIABLE.surname }),
      givenNames: t.string({ description: RECTIFIABLE.givenNames }),
      birthDate: t.field({ type: 'Date', description: RECTIFIABLE.birthDate }),
      nationality: t.string({ description: `${RECTIFIABLE.nationality}: an ISO 3166 country code.` }),
      address: t.string({ description: RECTIFIABLE.address }),
    }),
  });

  builder.mutationFields((t) => ({
    resolveRightsRequest: t.field({
      type: Request,
      args: {
        id: t.arg.id({ required: true }),
        outcome: t.arg({ type: Outcome, required: true }),
        answer: t.arg.string({ required: true, description: 'The answer to the requester.' }),
        refusalReason: t.arg({ type: Refusal, description: 'Required when refused.' }),
        rectification: t.arg({ type: RectificationInput, description: 'RECTIFICATION: the corrected values.' }),
        withheldCategories: t.arg.stringList({ description: 'ACCESS: categories left out of the report (R21: police and judicial data).' }),
      },
      authorize: {
        action: 'update', subject: 'RightsRequest', category: RIGHTS, logAs: 'alter', subjectArg: 'id',
        target: ({ id }, ctx) => findRequest(ctx.em, String(id)),
      },
      description: [
        'R21: answers a request. ACCESS and PORTABILITY produce the report; RECTIFICATION, ERASURE and RESTRICTION act on the',
        'person\'s data and list every recipient to notify. An ERASURE is refused with LEGAL_OBLIGATION_TO_KEEP and the legal',
        'basis while the person is detained or under a legal hold.',
      ].join(' '),
      resolve: async (_r, args, ctx) => {
        const { request, person, done } = await ctx.em.transactional(async (em) => {
          const request = await openRequest(em, 'id', String(args.id));
          const person = await em.findOneOrFail(Person, { id: request.person.id }, { refresh: true });
          const resolution = checkResolution(ctx, request, person, args);
          const done = await resolveRequest({
            em, by: ctx.principal.id, now: ctx.now, describe: (c) => ctx.policy.categories.get(c)?.description ?? null,
            decideDisclosure: (p, categories) => decideEach(ctx.authz.access, 'disclose', 'Person', p, categories),
          }, request, person, resolution);
          return { request, person, done };
        });
        // Logged once stored (the savepoint is released): the log shows only acts that happened.
        recordDecisions(ctx.authz.collector, done.disclosures, { subjectId: person.id, personId: person.id, field: 'report', recipient: REQUESTER }, 'disclose');
        for (const e of done.effects) recordEffect(ctx.authz.collector, e);
        return request;
      },
    }),
    markNotificationSent: t.field({
      type: Notification,
      args: { id: t.arg.id({ required: true }) },
      authorize: {
        action: 'update', subject: 'RightsNotification', category: RIGHTS, logAs: 'alter', subjectArg: 'id',
        target: ({ id }, ctx) => findNotification(ctx.em, String(id)),
      },
      description: 'R21: records that the notice went out to the recipient; the notice itself is logged as a disclosure to it.',
      resolve: async (_r, { id }, ctx) => {
        const { notification, effect } = await ctx.em.transactional(async (em) => {
          const n = await findNotification(em, String(id), true);
          if (!n) throw badUserInput('id', 'no notification with this id');
          if (n.status === 'SENT') throw badUserInput('id', 'was already sent');
          Object.assign(n, { status: 'SENT', sentAt: ctx.now, sentBy: ctx.principal.id });
          // The notice names the person and the kind of change; a rectification notice carries the corrected values.
          const request = await em.findOneOrFail(RightsRequest, { id: n.request.id }, onlyColumns<RightsRequest>(['kind', 'rectification']));
          const corrected = Object.keys(request.rectification ?? {}) as RectifiableField[];
          return { notification: n, effect: {
            action: 'disclose', subjectType: 'RightsNotification', subjectId: n.id, personId: n.person.id,
            fields: ['notice', ...corrected], categories: [...new Set([RIGHTS, ...corrected.map((f) => RECTIFIABLE[f])])].sort(),
            recipient: { id: n.recipientId, category: n.recipientCategory },
          } satisfies Effect };
        });
        recordEffect(ctx.authz.collector, effect);
        return notification;
      },
    }),
  }));
}
