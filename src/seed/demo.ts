import type { EntityManager } from '@mikro-orm/postgresql';
import { Person } from '../domain/Person.js';
import { Placement } from '../domain/Placement.js';
import { Dossier } from '../domain/Dossier.js';
import { DossierEntry } from '../domain/DossierEntry.js';
import { ProcessingRecord } from '../domain/ProcessingRecord.js';
import { ProcessingRecordVersion } from '../domain/ProcessingRecordVersion.js';
import { StaffMember } from '../domain/StaffMember.js';
import { Designation } from '../domain/Designation.js';
import { ConfidentialityPledge } from '../domain/ConfidentialityPledge.js';
import { ClientSystem } from '../domain/ClientSystem.js';
import { demoRegister } from './register.js';
import { persistDemoReviewCase } from '../oversight/cases/demo-case.js';

const SEEDED_AT = new Date('2026-01-05T09:00:00Z');

const staff: Omit<StaffMember, 'designations' | 'pledges' | 'active'>[] = [
  { id: 'case-manager-a', displayName: 'Case manager A', roles: ['case_manager'], institution: 'A', unit: 'institution-A' },
  { id: 'case-manager-b', displayName: 'Case manager B', roles: ['case_manager'], institution: 'B', unit: 'institution-B' },
  { id: 'intake-a', displayName: 'Intake officer A', roles: ['intake_officer'], institution: 'A', unit: 'institution-A' },
  { id: 'id-officer', displayName: 'Identification officer', roles: ['identification_officer'], institution: null, unit: 'central-identification' },
  { id: 'id-officer-nopledge', displayName: 'Identification officer without pledge', roles: ['identification_officer'], institution: null, unit: 'central-identification' },
  { id: 'id-officer-undesignated', displayName: 'Identification officer, not designated', roles: ['identification_officer'], institution: null, unit: 'central-identification' },
  { id: 'medical-officer', displayName: 'Medical officer', roles: ['medical_officer'], institution: null, unit: 'medical-service' },
  { id: 'nurse-a', displayName: 'Nurse at institution A', roles: ['institution_nurse'], institution: 'A', unit: 'medical-unit-A' },
  { id: 'dpo', displayName: 'Data protection officer', roles: ['dpo'], institution: null, unit: 'data-protection-office' },
  { id: 'auditor', displayName: 'Supervisory authority auditor', roles: ['auditor'], institution: null, unit: 'supervisory-authority' },
  { id: 'director-general', displayName: 'Director-general', roles: ['director_general'], institution: null, unit: 'directorate-general' },
];

const clients: Omit<ClientSystem, 'active'>[] = [
  { id: 'afis-link', organisation: 'federal-police', recipientCategory: 'police', roles: ['police_identification_link'] },
  { id: 'municipality-x', organisation: 'municipality-x', recipientCategory: 'municipality', roles: ['municipality'] },
];

interface DemoPerson {
  id: string; surname: string; givenNames: string; sex: string; birthDate: string; nationality: string;
  institution: string; nrn: string; fingerprint: string | null; medicalNotes?: string; riskAssessment?: string;
  restricted?: string;
}

// Fictitious persons: every name and number here is invented for the demo.
const persons: DemoPerson[] = [
  { id: 'person-a1', surname: 'Jansen', givenNames: 'Pieter', sex: 'M', birthDate: '1988-04-12', nationality: 'NL', institution: 'A',
    nrn: '999990011', fingerprint: 'AFIS-100001', medicalNotes: 'Insulin-dependent diabetes; daily check.', riskAssessment: 'Low risk of violent re-offending.' },
  { id: 'person-a2', surname: 'Bakker', givenNames: 'Sanne', sex: 'F', birthDate: '1992-11-03', nationality: 'NL', institution: 'A',
    nrn: '999990022', fingerprint: 'AFIS-100002' },
  { id: 'person-b1', surname: 'Peeters', givenNames: 'Luc', sex: 'M', birthDate: '1979-06-30', nationality: 'BE', institution: 'B',
    nrn: '999990033', fingerprint: 'AFIS-100003', riskAssessment: 'Real risk of a serious violent offence (art. 18b).' },
  { id: 'person-restricted', surname: 'Visser', givenNames: 'Noor', sex: 'F', birthDate: '1995-02-17', nationality: 'NL', institution: 'A',
    nrn: '999990044', fingerprint: null, medicalNotes: 'Asthma.', restricted: 'Accuracy contested by the data subject (R22)' },
];

/** Loads the demo data of docs/api.md into an empty database; does nothing when principals exist. */
export async function seedDemo(em: EntityManager): Promise<boolean> {
  if ((await em.count(StaffMember)) > 0) return false;
  await em.transactional(async (tx) => {
    for (const record of demoRegister) {
      const r = Object.assign(new ProcessingRecord(), record, { version: 1, active: true, updatedAt: SEEDED_AT });
      tx.persist(r);
      const { updatedAt: _u, ...snapshot } = r;
      tx.persist(Object.assign(new ProcessingRecordVersion(), {
        code: r.code, version: 1, snapshot: { ...snapshot }, changedBy: 'dpo', change: 'initial register', changedAt: SEEDED_AT,
      }));
    }
    const members = new Map(staff.map((s) => [s.id, Object.assign(new StaffMember(), s, { active: true })]));
    for (const m of members.values()) tx.persist(m);
    for (const c of clients) tx.persist(Object.assign(new ClientSystem(), c, { active: true }));
    // Four eyes (R6, R7): proposed or recorded by the DPO, confirmed by the director-general.
    const confirmed = { confirmedBy: 'director-general', confirmedAt: SEEDED_AT };
    const designate = (id: string) => tx.persist(Object.assign(new Designation(), {
      staffMember: members.get(id)!, processingCode: 'IDENTIFICATION_OF_DETAINEES', designatedBy: 'dpo', validFrom: SEEDED_AT, ...confirmed,
    }));
    const pledge = (id: string) => tx.persist(Object.assign(new ConfidentialityPledge(), {
      staffMember: members.get(id)!, signedAt: SEEDED_AT, documentReference: `personnel-file/${id}/pledge-2026`, recordedBy: 'dpo', ...confirmed,
    }));
    designate('id-officer');
    designate('id-officer-nopledge');
    pledge('id-officer');
    pledge('id-officer-undesignated');
    pledge('medical-officer');
    pledge('nurse-a');

    for (const p of persons) {
      const person = Object.assign(new Person(), {
        id: p.id, surname: p.surname, givenNames: p.givenNames, sex: p.sex, birthDate: p.birthDate, birthPlace: null,
        nationality: p.nationality, nationalRegisterNumber: p.nrn, fingerprintReference: p.fingerprint,
        currentInstitution: p.institution, medicalNotes: p.medicalNotes ?? null, riskAssessment: p.riskAssessment ?? null,
        address: null, restrictionActive: !!p.restricted, restrictionReason: p.restricted ?? null,
        restrictedSince: p.restricted ? SEEDED_AT : null, createdAt: SEEDED_AT,
      });
      tx.persist(person);
      tx.persist(Object.assign(new Placement(), {
        person, institution: p.institution, admittedAt: new Date('2025-09-01T10:00:00Z'), detentionTitle: 'custodial sentence',
      }));
      const dossier = Object.assign(new Dossier(), { id: `dossier-${p.id.slice('person-'.length)}`, person, createdAt: SEEDED_AT });
      tx.persist(dossier);
      tx.persist(Object.assign(new DossierEntry(), {
        dossier, originalDossierId: dossier.id, kind: 'admission', summary: `Admitted at institution ${p.institution}.`,
        recordedAt: new Date('2025-09-01T10:00:00Z'),
      }));
    }
    persistDemoReviewCase(tx, SEEDED_AT);
  });
  return true;
}
