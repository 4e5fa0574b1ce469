import { Person } from '../../domain/Person.js';
import { RightsRequest, type ExtensionNotice } from '../../domain/RightsRequest.js';
import { StaffMember } from '../../domain/StaffMember.js';
import { ANSWER_WEEKS, dueAfter, extensionLeft, MAX_WEEKS, termWeeks } from '../../domain/rights-deadlines.js';
import { identityDocumentTrace, isVerificationMethod, VERIFICATION_METHODS } from '../../rights/identity-verification.js';
import { REQUESTER } from '../../rights/recipients.js';
import { recordEffect } from '../../audit/effects.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { keysetConnection } from '../pagination.js';
import { checkText, timeIdCursor } from '../validate.js';
import { addRightsObjects } from './rights-objects.js';
import { findRequest, openRequest } from './rights-load.js';
import { authorizedTarget } from '../../authz/plugin.js';
import { findKeysetPage, type KeysetOrder } from '../../db/keyset.js';
import { withPerson } from '../../db/columns.js';
import { addRightsResolution } from './rights-resolve.js';

const RIGHTS = 'rights.request';

const personOf = (ctx: GraphQLContext, id: string) =>
  id.length > 0 && id.length <= 100 ? ctx.em.findOne(Person, { id }) : Promise.resolve(null);

/** The due list, the most urgent first: cursors `dueAt|id`. */
const DUE = timeIdCursor('dueAt');
const BY_DUE: KeysetOrder<RightsRequest> = { keys: ['dueAt', 'id'], decode: DUE.decode };

export function addRightsTypes(builder: Builder): void {
  const refs = addRightsObjects(builder);
  const { Request, Status } = refs;

  const VerificationInput = builder.inputType('IdentityVerificationInput', {
    description: 'R24: how the requester\'s identity was established. There is no field for an identity document, by design.',
    fields: (t) => ({
      method: t.string({ required: true, description: `One of ${VERIFICATION_METHODS.join(', ')} (IdentityVerificationMethod).` }),
      reference: t.string({ required: true, description: 'Where the check is recorded (visit log entry, signature validation id, mandate file) — not a document number.' }),
      verifiedBy: t.id({ required: true, description: 'The staff member who checked.' }),
      verifiedAt: t.field({ type: 'DateTime', required: true }),
    }),
  });
  const OpenInput = builder.inputType('OpenRightsRequestInput', {
    fields: (t) => ({
      personId: t.id({ required: true, description: 'The person concerned.' }),
      kind: t.field({ type: refs.Kind, required: true }),
      receivedAt: t.field({ type: 'DateTime', required: true, description: 'R23: the term runs from receipt.' }),
      details: t.string({ description: 'What is asked, in short.' }),
      verification: t.field({ type: VerificationInput, required: true }),
    }),
  });

  builder.queryFields((t) => ({
    rightsRequest: t.field({
      type: Request,
      args: { id: t.arg.id({ required: true }) },
      authorize: {
        action: 'read', subject: 'RightsRequest', category: RIGHTS,
        target: ({ id }, ctx) => findRequest(ctx.em, String(id)),
      },
      description: 'R21: one rights request; null when unknown.',
      resolve: (_r, { id }, ctx) => findRequest(ctx.em, String(id)),
    }),
    rightsRequests: t.connection({
      type: Request,
      args: { status: t.arg({ type: Status }) },
      authorize: { action: 'read', subject: 'RightsRequest', category: RIGHTS },
      description: 'R21, R23: rights requests by due date, the most urgent first.',
      resolve: (_r, args, ctx) =>
        keysetConnection(args, (r: RightsRequest) => DUE.encode(r.dueAt, r.id), (page) =>
          findKeysetPage(ctx.em, RightsRequest, args.status ? [{ status: args.status }] : [], page, BY_DUE, withPerson<RightsRequest>())),
    }),
  }));

  builder.mutationFields((t) => ({
    openRightsRequest: t.field({
      type: Request,
      args: { input: t.arg({ type: OpenInput, required: true }) },
      authorize: {
        action: 'create', subject: 'RightsRequest', category: RIGHTS, logAs: 'collect',
        // What the create will make, for the decision and the log's person concerned.
        target: async ({ input }, ctx) => {
          const person = await personOf(ctx, String(input.personId));
          return person ? { person } : null;
        },
      },
      description: 'R21, R23, R24: registers a request of an identified requester; due 4 weeks after receipt.',
      resolve: (_r, args, ctx) =>
        ctx.em.transactional(async (em) => {
          const { input } = args;
          const person = authorizedTarget<{ person: Person } | null>(args)?.person;
          if (!person) throw badUserInput('input.personId', 'no person with this id');
          if (input.receivedAt > ctx.now) throw badUserInput('input.receivedAt', 'cannot be in the future');
          const v = input.verification;
          if (!isVerificationMethod(v.method)) throw badUserInput('input.verification.method', `must be one of ${VERIFICATION_METHODS.join(', ')}`);
          checkText('input.verification.reference', v.reference, 200);
          const traces: [string, string | null | undefined][] = [['input.verification.reference', v.reference], ['input.details', input.details]];
          for (const [field, text] of traces) {
            const trace = text ? identityDocumentTrace(text, person.nationalRegisterNumber) : null;
            if (trace) throw badUserInput(field, trace);
          }
          checkText('input.details', input.details, 2000);
          if (v.verifiedAt > ctx.now) throw badUserInput('input.verification.verifiedAt', 'cannot be in the future');
          const verifier = String(v.verifiedBy);
          if (verifier.length > 100 || !(await em.findOne(StaffMember, { id: verifier, active: true }))) {
            throw badUserInput('input.verification.verifiedBy', 'no active staff member with this id');
          }
          const request = Object.assign(new RightsRequest(), {
            person, kind: input.kind, status: 'OPEN', receivedAt: input.receivedAt, dueAt: dueAfter(input.receivedAt, ANSWER_WEEKS),
            details: input.details ?? null, verificationMethod: v.method, verificationReference: v.reference, verifiedBy: verifier,
            verifiedAt: v.verifiedAt, extensions: [], openedBy: ctx.principal.id, openedAt: ctx.now, withheldCategories: [],
          });
          em.persist(request);
          return request;
        }),
    }),
    extendRightsRequest: t.field({
      type: Request,
      args: {
        id: t.arg.id({ required: true }),
        weeks: t.arg.int({ required: true, description: `Weeks to add; the term never runs beyond ${MAX_WEEKS} weeks from receipt.` }),
        reasonToRequester: t.arg.string({ required: true, description: 'R23: the notice to the requester, why more time is needed.' }),
      },
      authorize: {
        action: 'update', subject: 'RightsRequest', category: RIGHTS, logAs: 'alter', subjectArg: 'id',
        target: ({ id }, ctx) => findRequest(ctx.em, String(id)),
      },
      description: 'R23: extends the term, once or more, up to 12 weeks from receipt; the notice to the requester is kept and logged.',
      resolve: async (_r, { id, weeks, reasonToRequester }, ctx) => {
        const request = await ctx.em.transactional(async (em) => {
          const request = await openRequest(em, 'id', String(id));
          const left = extensionLeft(request);
          if (weeks < 1) throw badUserInput('weeks', 'must be at least 1');
          if (weeks > left) {
            throw badUserInput('weeks', `would run the term beyond ${MAX_WEEKS} weeks from receipt (R23); at most ${left} more`);
          }
          checkText('reasonToRequester', reasonToRequester, 2000);
          // GDPR art. 12(3): the requester is told of an extension within the term that runs.
          if (ctx.now > request.dueAt) throw badUserInput('id', 'is past its due date; an extension must be noticed before it');
          const totalWeeks = termWeeks(request) + weeks;
          const notice: ExtensionNotice = {
            weeks, totalWeeks, previousDueAt: request.dueAt.toISOString(), dueAt: dueAfter(request.receivedAt, totalWeeks).toISOString(),
            reasonToRequester, noticeAt: ctx.now.toISOString(), noticeBy: ctx.principal.id,
          };
          return Object.assign(request, { extensions: [...request.extensions, notice], dueAt: new Date(notice.dueAt), status: 'EXTENDED' as const });
        });
        // R23: the notice to the requester, logged as a disclosure to them once the extension is stored.
        recordEffect(ctx.authz.collector, {
          action: 'disclose', subjectType: 'RightsRequest', subjectId: request.id, personId: request.person.id,
          fields: ['extensions', 'dueAt'], categories: [RIGHTS], recipient: REQUESTER,
        });
        return request;
      },
    }),
  }));

  addRightsResolution(builder, refs);
}
