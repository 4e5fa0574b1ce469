import { checkAnswer, checkAnswerable, type AnswerInput } from '../../src/identification/answer-rules.js';
import { checkRegistration, type RegistrationInput } from '../../src/identification/registration.js';
import { refusal } from './refusal.js';

const match: AnswerInput = {
  match: true, pvReferences: ['PV-2020-100'], identities: [{ surname: 'Known', givenNames: 'As' }], fingerprintReference: 'AFIS-1',
};
const noMatch: AnswerInput = { match: false, pvReferences: [], identities: [], fingerprintReference: 'AFIS-2' };

describe('R2 what the police database may answer', () => {
  test('R2 a match with its PV references and identities, and a bare "no match", are accepted', () => {
    expect(refusal(() => checkAnswer(match))).toBeNull();
    expect(refusal(() => checkAnswer(noMatch))).toBeNull();
  });

  test.each<[string, Partial<AnswerInput>, string, string]>([
    ['a fingerprint reference with other characters', { fingerprintReference: 'AFIS 1;' }, 'input.fingerprintReference', 'is not a fingerprint reference'],
    ['a fingerprint reference over 64 characters', { fingerprintReference: 'A'.repeat(65) }, 'input.fingerprintReference', 'is not a fingerprint reference'],
    ['a blank PV reference', { pvReferences: ['PV-1', ' '] }, 'input.pvReferences[1]', 'must be 1 to 100 characters'],
    ['a PV reference over 100 characters', { pvReferences: ['P'.repeat(101)] }, 'input.pvReferences[0]', 'must be 1 to 100 characters'],
    ['PV references beside "no match"', { match: false, identities: [] }, 'input.match', 'without a match there are no PV references or identities'],
    ['identities beside "no match"', { match: false, pvReferences: [] }, 'input.match', 'without a match there are no PV references or identities'],
    ['an identity without a surname', { identities: [{ surname: '', givenNames: 'As' }] }, 'input.identities[0].surname', 'must be 1 to 200 characters'],
    ['an identity with given names over 200 characters', { identities: [{ surname: 'K', givenNames: 'g'.repeat(201) }] },
      'input.identities[0].givenNames', 'must be 1 to 200 characters'],
  ])('R2 refused: %s, naming the field', (_, change, field, message) => {
    expect(refusal(() => checkAnswer({ ...match, ...change }))).toEqual({ field, message: `${field}: ${message}` });
  });

  test('R1 R2 a request is answered once: only a pending request takes an answer', () => {
    expect(refusal(() => checkAnswerable('PENDING'))).toBeNull();
    for (const status of ['ANSWERED', 'AGREED', 'UNDER_INVESTIGATION', 'CLOSED'] as const) {
      expect(refusal(() => checkAnswerable(status))).toEqual({ field: 'input.requestId', message: 'input.requestId: was already answered' });
    }
  });
});

describe('R1 the registration that triggers the verification', () => {
  const now = new Date('2026-11-01T10:00:00Z');
  const registration: RegistrationInput = {
    surname: 'New', givenNames: 'Detainee', institution: 'A', admittedAt: now,
    capture: { deviceReference: 'LIVESCAN-A-03', capturedAt: new Date('2026-11-01T09:00:00Z') },
  };

  test('R1 a registration with names, institution and a past capture is accepted', () => {
    expect(refusal(() => checkRegistration(registration, now))).toBeNull();
  });

  test.each<[string, Partial<RegistrationInput>, string, string]>([
    ['a blank surname', { surname: '  ' }, 'input.surname', 'must be 1 to 200 characters'],
    ['given names over 200 characters', { givenNames: 'g'.repeat(201) }, 'input.givenNames', 'must be 1 to 200 characters'],
    ['an institution over 100 characters', { institution: 'i'.repeat(101) }, 'input.institution', 'must be 1 to 100 characters'],
    ['a blank capture device', { capture: { deviceReference: '', capturedAt: now } }, 'input.capture.deviceReference', 'must be 1 to 200 characters'],
    ['a capture in the future', { capture: { deviceReference: 'LIVESCAN-A-03', capturedAt: new Date(now.getTime() + 1) } },
      'input.capture.capturedAt', 'cannot be in the future'],
  ])('R1 refused: %s, naming the field', (_, change, field, message) => {
    expect(refusal(() => checkRegistration({ ...registration, ...change }, now))).toEqual({ field, message: `${field}: ${message}` });
  });
});
