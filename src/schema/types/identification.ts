import { randomUUID } from 'node:crypto';
import { Dossier } from '../../domain/Dossier.js';
import { DossierEntry } from '../../domain/DossierEntry.js';
import { Person } from '../../domain/Person.js';
import { Placement } from '../../domain/Placement.js';
import { VerificationAnswer } from '../../domain/VerificationAnswer.js';
import { VerificationRequest } from '../../domain/VerificationRequest.js';
import { NOTHING, rowFilter } from '../../authz/sql.js';
import type { Builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { keysetConnection } from '../pagination.js';
import { refsFor } from '../refs.js';
import { checkText, isUuid } from '../validate.js';
import { withPerson } from '../../db/columns.js';
import { byId, findKeysetPage } from '../../db/keyset.js';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { recordEffect } from '../../audit/effects.js';
import { authorizedTarget } from '../../authz/plugin.js';
import { eraseAnswerData, keepFingerprintReference } from '../../domain/identification.js';

/** R3 art. 4 §3: the recipient of the notice after a verification without a match. */
const FEDERAL_POLICE = { id: 'federal-police', category: 'police' };

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
      resolve: (_r, args, ctx) =>
        ctx.em.transactional(async (em) => {
          const { decision, note } = args;
          checkText('note', note, 2000);
          const request = authorizedTarget<VerificationRequest>(args);
          const allowedFrom: Record<string, string> = {
            SUFFICIENT_AGREEMENT: 'ANSWERED', ADMINISTRATIVE_INVESTIGATION: 'ANSWERED', INVESTIGATION_CLOSED: 'UNDER_INVESTIGATION',
          };
          if (request.status !== allowedFrom[decision]) throw badUserInput('decision', `cannot be taken on a request that is ${request.status}`);
          const answer = await em.findOneOrFail(VerificationAnswer, { request: request.id });
          if (!answer.match) throw badUserInput('requestId', 'had no match: there is nothing to decide');
          const status = decision === 'ADMINISTRATIVE_INVESTIGATION' ? 'UNDER_INVESTIGATION' : decision === 'SUFFICIENT_AGREEMENT' ? 'AGREED' : 'CLOSED';
          await em.nativeUpdate(VerificationRequest, { id: request.id }, { status, decidedAt: ctx.now, decidedBy: ctx.principal.id, decision: `${decision}: ${note}` });
          Object.assign(request, { status, decidedAt: ctx.now, decidedBy: ctx.principal.id, decision: `${decision}: ${note}` });
          if (decision !== 'ADMINISTRATIVE_INVESTIGATION') {
            // R3: the answer data go as soon as the decision is taken; the fingerprint reference stays with the person.
            eraseAnswerData(answer, ctx.now);
            await keepFingerprintReference(em, request, answer);
            recordEffect(ctx.authz.collector, {
              action: 'erase', subjectType: 'VerificationAnswer', subjectId: answer.id, personId: request.person.id,
              fields: ['pvReferences', 'identities'], categories: ['identification.verification_result'],
            });
          }
          return request;
        }),
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
      resolve: (_r, { input }, ctx) =>
        ctx.em.transactional(async (em) => {
          checkText('input.surname', input.surname, 200);
          checkText('input.givenNames', input.givenNames, 200);
          checkText('input.institution', input.institution, 100);
          checkText('input.capture.deviceReference', input.capture.deviceReference, 200);
          if (input.capture.capturedAt > ctx.now) throw badUserInput('input.capture.capturedAt', 'cannot be in the future');
          const id = `person-${randomUUID()}`;
          const person = Object.assign(new Person(), {
            id, surname: input.surname, givenNames: input.givenNames, sex: input.sex ?? null, birthDate: input.birthDate ?? null,
            nationality: input.nationality ?? null, currentInstitution: input.institution, createdAt: ctx.now,
          });
          const dossier = Object.assign(new Dossier(), { id: `dossier-${randomUUID()}`, person, createdAt: ctx.now });
          em.persist([person, dossier,
            Object.assign(new Placement(), { person, institution: input.institution, admittedAt: input.admittedAt, detentionTitle: input.detentionTitle ?? null }),
            Object.assign(new DossierEntry(), { dossier, originalDossierId: dossier.id, kind: 'admission', summary: `Admitted at institution ${input.institution}.`, recordedAt: ctx.now }),
          ]);
          const request = Object.assign(new VerificationRequest(), {
            person, surname: person.surname, givenNames: person.givenNames, sex: person.sex, birthDate: person.birthDate,
            nationality: person.nationality, deviceReference: input.capture.deviceReference, capturedAt: input.capture.capturedAt,
            capturedBy: ctx.principal.id,
          });
          em.persist(request);
          return request;
        }),
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
      resolve: (_r, args, ctx) =>
        ctx.em.transactional(async (em) => {
          const { input } = args;
          const { request } = authorizedTarget<VerificationAnswer>(args);
          if (request.status !== 'PENDING') throw badUserInput('input.requestId', 'was already answered');
          if (!/^[A-Za-z0-9-]{1,64}$/.test(input.fingerprintReference)) throw badUserInput('input.fingerprintReference', 'is not a fingerprint reference');
          input.pvReferences.forEach((pv, i) => checkText(`input.pvReferences[${i}]`, pv, 100));
          if (!input.match && (input.pvReferences.length > 0 || input.identities.length > 0)) {
            throw badUserInput('input.match', 'without a match there are no PV references or identities');
          }
          input.identities.forEach((identity, i) => {
            checkText(`input.identities[${i}].surname`, identity.surname, 200);
            checkText(`input.identities[${i}].givenNames`, identity.givenNames, 200);
          });
          const managed = em.getReference(VerificationRequest, request.id);
          em.persist(Object.assign(new VerificationAnswer(), {
            request: managed, match: input.match, pvReferences: input.pvReferences, fingerprintReference: input.fingerprintReference,
            identities: input.identities.map((i) => ({ surname: i.surname, givenNames: i.givenNames, birthDate: i.birthDate ?? null })),
            receivedAt: ctx.now,
          }));
          await em.nativeUpdate(VerificationRequest, { id: request.id }, { status: 'ANSWERED', answeredAt: ctx.now });
          request.status = 'ANSWERED';
          request.answeredAt = ctx.now;
          if (!input.match) {
            // R3 art. 4 §3: without a match, the reference the national database assigned stays with the
            // person, the process ends, and the federal police is informed — a disclosure with its recipient.
            await em.nativeUpdate(Person, { id: request.person.id }, { fingerprintReference: input.fingerprintReference });
            await em.nativeUpdate(VerificationRequest, { id: request.id }, { status: 'CLOSED', decision: 'NO_MATCH' });
            request.status = 'CLOSED';
            recordEffect(ctx.authz.collector, {
              action: 'disclose', subjectType: 'Person', subjectId: request.person.id, personId: request.person.id,
              fields: ['fingerprintReference', 'surname', 'givenNames'], categories: ['biometric.fingerprint_reference', 'identity.name'],
              recipient: FEDERAL_POLICE,
            });
          }
          return request;
        }),
    }),
  }));
}
