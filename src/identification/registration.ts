import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Dossier } from '../domain/Dossier.js';
import { DossierEntry } from '../domain/DossierEntry.js';
import { Person } from '../domain/Person.js';
import { Placement } from '../domain/Placement.js';
import { VerificationRequest } from '../domain/VerificationRequest.js';
import { badUserInput } from '../schema/errors.js';
import { checkText } from '../schema/validate.js';
import type { Actor } from './actor.js';

/** R1: a new detainee, as the intake officer registers them, with the fingerprint capture. */
export interface RegistrationInput {
  surname: string;
  givenNames: string;
  sex?: string | null;
  birthDate?: string | null;
  nationality?: string | null;
  institution: string;
  admittedAt: Date;
  detentionTitle?: string | null;
  capture: { deviceReference: string; capturedAt: Date };
}

export function checkRegistration(input: RegistrationInput, now: Date): void {
  checkText('input.surname', input.surname, 200);
  checkText('input.givenNames', input.givenNames, 200);
  checkText('input.institution', input.institution, 100);
  checkText('input.capture.deviceReference', input.capture.deviceReference, 200);
  if (input.capture.capturedAt > now) throw badUserInput('input.capture.capturedAt', 'cannot be in the future');
}

/**
 * R1: registers the person with their placement and dossier (opened by the admission entry), and
 * makes the verification request, which copies only what art. 2 allows. Nothing here is an effect
 * of its own: the decision point logs the collection on the person it made.
 */
export function registerDetainee(em: EntityManager, input: RegistrationInput, actor: Actor): VerificationRequest {
  checkRegistration(input, actor.now);
  const person = Object.assign(new Person(), {
    id: `person-${randomUUID()}`, surname: input.surname, givenNames: input.givenNames, sex: input.sex ?? null, birthDate: input.birthDate ?? null,
    nationality: input.nationality ?? null, currentInstitution: input.institution, createdAt: actor.now,
  });
  const dossier = Object.assign(new Dossier(), { id: `dossier-${randomUUID()}`, person, createdAt: actor.now });
  em.persist([person, dossier,
    Object.assign(new Placement(), { person, institution: input.institution, admittedAt: input.admittedAt, detentionTitle: input.detentionTitle ?? null }),
    Object.assign(new DossierEntry(), { dossier, originalDossierId: dossier.id, kind: 'admission', summary: `Admitted at institution ${input.institution}.`, recordedAt: actor.now }),
  ]);
  const request = Object.assign(new VerificationRequest(), {
    person, surname: person.surname, givenNames: person.givenNames, sex: person.sex, birthDate: person.birthDate,
    nationality: person.nationality, deviceReference: input.capture.deviceReference, capturedAt: input.capture.capturedAt,
    capturedBy: actor.id,
  });
  em.persist(request);
  return request;
}
