import { Person } from '../../domain/Person.js';
import { VerificationAnswer } from '../../domain/VerificationAnswer.js';
import { VerificationRequest } from '../../domain/VerificationRequest.js';
import { NOTHING, rowFilter } from '../../authz/sql.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { keysetConnection } from '../pagination.js';
import { refsFor } from '../refs.js';
import { isUuid } from '../validate.js';
import { withPerson } from '../../db/columns.js';
import { byId, findKeysetPage } from '../../db/keyset.js';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { recordEffect } from '../../audit/effects.js';
import { authorizedTarget } from '../../authz/plugin.js';
import { submitAnswer } from '../../identification/answer.js';
import { decideIdentification } from '../../identification/decide.js';
import { registerDetainee } from '../../identification/registration.js';
import { actorOf } from '../../identification/actor.js';

const findRequest = (ctx: GraphQLContext, id: string): Promise<VerificationRequest | null> =>
  isUuid(id) ? ctx.em.findOne(VerificationRequest, { id }, withPerson<VerificationRequest>()) : Promise.resolve(null);

async function requestById(ctx: GraphQLContext, field: string, id: string): Promise<VerificationRequest> {
  const r = await findRequest(ctx, id);
  if (!r) throw badUserInput(field, 'no verification request with this id');
  return r;
}

export function addIdentificationTypes(builder: Builder): void {
  const { VerificationAnswerRef, VerificationRequestRef } = refsFor(builder);
  const Status = builder.enumType('VerificationStatus', { values: ['PENDING', 'ANSWERED', 'AGREED', 'UNDER_INVESTIGATION', 'CLOSED'] as const });

  builder.objectType(VerificationAnswerRef, {
    description: 'R2: the police database\'s answer; nothing but these fields is accepted or kept.',
    personOf: (a) => a.request.person,
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      match: t.exposeBoolean('match', { category: 'identification.verification_result' }),
      pvReferences: t.exposeStringList('pvReferences', { category: 'identification.verification_result' }),
      identities: t.field({ type: 'JSON', category: 'identification.verification_result', resolve: (a) => a.identities }),
      fingerprintReference: t.exposeString('fingerprintReference', { category: 'identification.verification_result' }),
      receivedAt: t.expose('receivedAt', { type: 'DateTime', category: 'identification.verification_result' }),
      erasedAt: t.expose('erasedAt', { type: 'DateTime', category: 'identification.verification_result',
        description: 'R3: when the answer data were erased (the fingerprint reference stays with the person).' }),
    }),
  });

  builder.objectType(VerificationRequestRef, {
    description: 'R1: the identity verification made at a registration; carries only what art. 2 allows.',
    personOf: (r) => r.person,
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false }),
      surname: t.exposeString('surname', { category: 'identity.name' }),
      givenNames: t.exposeString('givenNames', { category: 'identity.name' }),
      sex: t.exposeString('sex', { category: 'identity.sex' }),
      birthDate: t.expose('birthDate', { type: 'Date', category: 'identity.birth' }),
      nationality: t.exposeString('nationality', { category: 'identity.nationality' }),
      deviceReference: t.exposeString('deviceReference', { category: 'identification.capture', description: 'The capture device\'s unique reference.' }),
      capturedAt: t.expose('capturedAt', { type: 'DateTime', category: 'identification.capture' }),
      status: t.field({ type: Status, category: 'identification.capture', resolve: (r) => r.status }),
      decidedBy: t.exposeString('decidedBy', { category: 'identification.verification_result', description: 'R8: who took the human decision.' }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', category: 'identification.verification_result' }),
      decision: t.exposeString('decision', { category: 'identification.verification_result' }),
      answer: t.field({
        type: VerificationAnswerRef,
        category: 'identification.verification_result',
        resolve: async (r, _a, ctx) => {
          const a = await ctx.em.findOne(VerificationAnswer, { request: r.id });
          if (a) a.request = r;
          return a;
        },
      }),
    }),
  });

  const Capture = builder.inputType('CaptureInput', {
    fields: (t) => ({
      deviceReference: t.string({ required: true, description: 'Unique administrative reference of the capture device.' }),
      capturedAt: t.field({ type: 'DateTime', required: true }),
    }),
  });
  const Registration = builder.inputType('RegisterDetaineeInput', {
    fields: (t) => ({
      surname: t.string({ required: true }),
      givenNames: t.string({ required: true }),
      sex: t.string(),
      birthDate: t.field({ type: 'Date' }),
      nationality: t.string(),
      institution: t.string({ required: true }),
      admittedAt: t.field({ type: 'DateTime', required: true }),
      detentionTitle: t.string(),
      capture: t.field({ type: Capture, required: true }),
    }),
  });
  const Identity = builder.inputType('RegisteredIdentityInput', {
    fields: (t) => ({ surname: t.string({ required: true }), givenNames: t.string({ required: true }), birthDate: t.field({ type: 'Date' }) }),
  });
  const Answer = builder.inputType('VerificationAnswerInput', {
    description: 'R2: exactly what the police database may answer; any other field is refused.',
    fields: (t) => ({
      requestId: t.id({ required: true }),
      match: t.boolean({ required: true }),
      pvReferences: t.stringList({ required: true }),
      identities: t.field({ type: [Identity], required: true }),
      fingerprintReference: t.string({ required: true, description: 'The unique fingerprint (AFIS) reference.' }),
    }),
  });

  const Decision = builder.enumType('IdentificationDecision', {
    values: {
      SUFFICIENT_AGREEMENT: { description: 'R8: the identities agree; only the fingerprint reference is kept (art. 4 §1).' },
      ADMINISTRATIVE_INVESTIGATION: { description: 'R8: insufficient agreement; an administrative investigation starts (art. 4 §2).' },
      INVESTIGATION_CLOSED: { description: 'The investigation ended; only the fingerprint reference is kept.' },
    } as const,
  });

  builder.mutationField('decideIdentification', (t) =>
    t.field({
      type: VerificationRequestRef,
      args: {
        requestId: t.arg.id({ required: true }),
        decision: t.arg({ type: Decision, required: true }),
        note: t.arg.string({ required: true, description: 'The human analysis behind the decision (R8, R20).' }),
      },
      authorize: {
        action: 'update', subject: 'VerificationRequest', category: 'identification.verification_result', logAs: 'alter',
        target: ({ requestId }, ctx) => requestById(ctx, 'requestId', String(requestId)),
      },
      description: 'R8: a designated officer with a pledge records the human decision on a match; who and when are kept.',
      resolve: async (_r, args, ctx) => {
        const { result, effects } = await ctx.em.transactional((em) =>
          decideIdentification(em, authorizedTarget<VerificationRequest>(args), args, actorOf(ctx)));
        // Logged once stored: the log shows only acts that happened (R10).
        for (const e of effects) recordEffect(ctx.authz.collector, e);
        return result;
      },
    }));

  builder.queryField('verificationRequest', (t) =>
    t.field({
      type: VerificationRequestRef,
      args: { id: t.arg.id({ required: true }) },
      guardRows: { subject: 'VerificationRequest' },
      description: 'A verification request; null when unknown or not visible to the caller.',
      resolve: (_r, { id }, ctx) => findRequest(ctx, String(id)),
    }));

  builder.queryField('pendingVerificationRequests', (t) =>
    t.connection({
      type: VerificationRequestRef,
      guardRows: { subject: 'VerificationRequest' },
      description: 'R1: verification requests waiting for the police database\'s answer, oldest first.',
      resolve: (_r, args, ctx) => {
        const where: FilterQuery<VerificationRequest>[] = [rowFilter<VerificationRequest>(ctx.authz.access, 'read', 'VerificationRequest') ?? NOTHING, { status: 'PENDING' }];
        return keysetConnection(args, (r: VerificationRequest) => r.id, (page) =>
          findKeysetPage(ctx.em, VerificationRequest, where, page, byId<VerificationRequest>(), withPerson<VerificationRequest>()));
      },
    }));

  builder.mutationFields((t) => ({
    registerDetainee: t.field({
      type: VerificationRequestRef,
      args: { input: t.arg({ type: Registration, required: true }) },
      authorize: {
        action: 'create', subject: 'Person', logAs: 'collect',
        categories: ['identity.name', 'identity.sex', 'identity.birth', 'identity.nationality', 'detention.placement', 'identification.capture'],
        target: ({ input }) => Object.assign(new Person(), { currentInstitution: input.institution }),
        madeSubject: (request: VerificationRequest) => request.person,
      },
      description: 'R1: registers a new detainee with a fingerprint capture and creates the verification request.',
      resolve: (_r, { input }, ctx) => ctx.em.transactional((em) => registerDetainee(em, input, actorOf(ctx))),
    }),
    submitVerificationAnswer: t.field({
      type: VerificationRequestRef,
      args: { input: t.arg({ type: Answer, required: true }) },
      authorize: {
        action: 'create', subject: 'VerificationAnswer', category: 'identification.verification_result', logAs: 'collect',
        target: async ({ input }, ctx) =>
          Object.assign(new VerificationAnswer(), { request: await requestById(ctx, 'input.requestId', String(input.requestId)) }),
      },
      description: 'R2: the police link submits the answer for a capture (persisted operation).',
      resolve: async (_r, args, ctx) => {
        const { result, effects } = await ctx.em.transactional((em) =>
          submitAnswer(em, authorizedTarget<VerificationAnswer>(args).request, args.input, ctx.now));
        // Logged once stored: the log shows only acts that happened (R10).
        for (const e of effects) recordEffect(ctx.authz.collector, e);
        return result;
      },
    }),
  }));
}
