import { PersonSchema } from './Person.js';
import { PlacementSchema } from './Placement.js';
import { DossierSchema } from './Dossier.js';
import { DossierEntrySchema } from './DossierEntry.js';
import { ProcessingRecordSchema } from './ProcessingRecord.js';
import { ProcessingRecordVersionSchema } from './ProcessingRecordVersion.js';
import { StaffMemberSchema } from './StaffMember.js';
import { DesignationSchema } from './Designation.js';
import { ConfidentialityPledgeSchema } from './ConfidentialityPledge.js';
import { ClientSystemSchema } from './ClientSystem.js';
import { VerificationRequestSchema } from './VerificationRequest.js';
import { VerificationAnswerSchema } from './VerificationAnswer.js';
import { DisclosureSchema } from './Disclosure.js';
import { DossierChangeSchema } from './DossierChange.js';
import { RightsRequestSchema } from './RightsRequest.js';
import { RightsNotificationSchema } from './RightsNotification.js';
import { RestrictionChangeSchema } from './RestrictionChange.js';
import { BreachSchema } from './Breach.js';
import { BreakGlassSchema } from './BreakGlass.js';

export const domainEntities = [
  PersonSchema,
  PlacementSchema,
  DossierSchema,
  DossierEntrySchema,
  ProcessingRecordSchema,
  ProcessingRecordVersionSchema,
  StaffMemberSchema,
  DesignationSchema,
  ConfidentialityPledgeSchema,
  ClientSystemSchema,
  VerificationRequestSchema,
  VerificationAnswerSchema,
  DisclosureSchema,
  DossierChangeSchema,
  RightsRequestSchema,
  RightsNotificationSchema,
  RestrictionChangeSchema,
  BreachSchema,
  BreakGlassSchema,
];
