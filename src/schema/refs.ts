import { ObjectRef } from '@pothos/core';
import type { AppTypes } from './builder.js';
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

/** Type references shared between the files that implement them and the files that return them. */
export const PersonRef = new ObjectRef<AppTypes, Person>('Person');
export const PlacementRef = new ObjectRef<AppTypes, Placement>('Placement');
export const RestrictionRef = new ObjectRef<AppTypes, Person>('Restriction');
export const DossierRef = new ObjectRef<AppTypes, Dossier>('Dossier');
export const DossierEntryRef = new ObjectRef<AppTypes, DossierEntry>('DossierEntry');
export const ProcessingRecordRef = new ObjectRef<AppTypes, ProcessingRecord>('ProcessingRecord');
export const ProcessingRecordVersionRef = new ObjectRef<AppTypes, ProcessingRecordVersion>('ProcessingRecordVersion');
export const DesignationRef = new ObjectRef<AppTypes, Designation>('Designation');
export const PledgeRef = new ObjectRef<AppTypes, ConfidentialityPledge>('ConfidentialityPledge');
export const ClientSystemRef = new ObjectRef<AppTypes, ClientSystem>('ClientSystem');
export const AccessLogEntryRef = new ObjectRef<AppTypes, AccessLogEntry>('AccessLogEntry');
export const PrincipalRef = new ObjectRef<AppTypes, Principal>('Principal');
