import { ObjectRef } from '@pothos/core';
import type { AppTypes, Builder } from './builder.js';
import type { Person } from '../domain/Person.js';
import type { Placement } from '../domain/Placement.js';
import type { Dossier } from '../domain/Dossier.js';
import type { DossierEntry } from '../domain/DossierEntry.js';
import type { ProcessingRecord } from '../domain/ProcessingRecord.js';
import type { ProcessingRecordVersion } from '../domain/ProcessingRecordVersion.js';
import type { Designation } from '../domain/Designation.js';
import type { ConfidentialityPledge } from '../domain/ConfidentialityPledge.js';
import type { ClientSystem } from '../domain/ClientSystem.js';
import type { AccessLogEntry } from '../audit/AccessLogEntry.js';
import type { Principal } from '../authz/principal.js';
import type { VerificationRequest } from '../domain/VerificationRequest.js';
import type { VerificationAnswer } from '../domain/VerificationAnswer.js';
import type { Disclosure } from '../domain/Disclosure.js';

/**
 * Type references shared between the files that implement them and the files that return them.
 * One set per builder: a reference collects the fields of the builder that implements it.
 */
function createRefs() {
  return {
    PersonRef: new ObjectRef<AppTypes, Person>('Person'),
    PlacementRef: new ObjectRef<AppTypes, Placement>('Placement'),
    RestrictionRef: new ObjectRef<AppTypes, Person>('Restriction'),
    DossierRef: new ObjectRef<AppTypes, Dossier>('Dossier'),
    DossierEntryRef: new ObjectRef<AppTypes, DossierEntry>('DossierEntry'),
    ProcessingRecordRef: new ObjectRef<AppTypes, ProcessingRecord>('ProcessingRecord'),
    ProcessingRecordVersionRef: new ObjectRef<AppTypes, ProcessingRecordVersion>('ProcessingRecordVersion'),
    DesignationRef: new ObjectRef<AppTypes, Designation>('Designation'),
    PledgeRef: new ObjectRef<AppTypes, ConfidentialityPledge>('ConfidentialityPledge'),
    ClientSystemRef: new ObjectRef<AppTypes, ClientSystem>('ClientSystem'),
    AccessLogEntryRef: new ObjectRef<AppTypes, AccessLogEntry>('AccessLogEntry'),
    PrincipalRef: new ObjectRef<AppTypes, Principal>('Principal'),
    VerificationRequestRef: new ObjectRef<AppTypes, VerificationRequest>('VerificationRequest'),
    VerificationAnswerRef: new ObjectRef<AppTypes, VerificationAnswer>('VerificationAnswer'),
    DisclosureRef: new ObjectRef<AppTypes, Disclosure>('Disclosure'),
  };
}

export type Refs = ReturnType<typeof createRefs>;
const perBuilder = new WeakMap<Builder, Refs>();

export function refsFor(builder: Builder): Refs {
  let refs = perBuilder.get(builder);
  if (!refs) perBuilder.set(builder, (refs = createRefs()));
  return refs;
}
