import type { ProcessingRecord } from '../domain/ProcessingRecord.js';

type RecordSeed = Omit<ProcessingRecord, 'version' | 'active' | 'updatedAt'>;

/** The demo register of processing activities (R19), one record per processing code of docs/api.md. */
export const demoRegister: RecordSeed[] = [
  {
    code: 'DETENTION_MANAGEMENT', name: 'Detention management',
    purpose: 'Carrying out custodial sentences and measures: placement, daily care and case management.',
    legalBasis: 'Penitentiary Principles Act; GDPR art. 6(1)(c) and (e)',
    dataSubjectCategories: ['detainees'], dataCategories: ['identity', 'detention', 'contact', 'criminal.risk_assessment', 'processing.restriction'],
    recipientCategories: ['internal:institution staff'], retention: 'P10Y after release',
    requiresDesignation: false, requiresPledge: false, allowedUnderRestriction: false, allowsBreakGlass: false,
  },
  {
    code: 'IDENTIFICATION_OF_DETAINEES', name: 'Identification of detainees by fingerprints',
    purpose: 'Verifying the identity of new detainees against the national police database (Royal Decree of 11 March 2019).',
    legalBasis: 'Royal Decree of 11 March 2019, art. 2-5',
    dataSubjectCategories: ['detainees'],
    dataCategories: ['identity', 'identifier.national', 'biometric.fingerprint_reference', 'identification', 'detention.placement', 'detention.dossier', 'processing.restriction'],
    recipientCategories: ['internal:central identification service', 'police'], retention: 'P15D answer data; P3M under investigation; fingerprint reference with the person',
    requiresDesignation: true, requiresPledge: true, allowedUnderRestriction: false, allowsBreakGlass: false,
  },
  {
    code: 'MEDICAL_CARE', name: 'Medical care in detention',
    purpose: 'Providing medical care to detainees.',
    legalBasis: 'GDPR art. 9(2)(h); Penitentiary Principles Act',
    dataSubjectCategories: ['detainees'], dataCategories: ['identity.name', 'identity.birth', 'identity.sex', 'health', 'detention.placement', 'processing.restriction'],
    recipientCategories: ['internal:medical service'], retention: 'P20Y after last treatment',
    requiresDesignation: false, requiresPledge: true, allowedUnderRestriction: true, allowsBreakGlass: true,
  },
  {
    code: 'RISK_DISCLOSURE_18B', name: 'Art. 18b disclosure to municipalities',
    purpose: 'Informing the mayor of a real risk of a serious violent or sexual offence at the end of detention (art. 18b Wsb).',
    legalBasis: 'Art. 18b Wet straffen en beschermen',
    dataSubjectCategories: ['detainees at release'], dataCategories: ['identity.name', 'identity.birth', 'criminal.risk_assessment', 'detention.placement'],
    recipientCategories: ['municipality'], retention: 'P5Y after disclosure',
    requiresDesignation: false, requiresPledge: false, allowedUnderRestriction: false, allowsBreakGlass: false,
  },
  {
    code: 'SUPERVISION_AUDIT', name: 'Supervision and audit of processing',
    purpose: 'Checking the lawfulness of processing, internal control and supervision (R10).',
    legalBasis: 'Belgian data protection law art. 56; GDPR art. 30, 58',
    dataSubjectCategories: ['detainees', 'staff'], dataCategories: ['audit.access_log', 'staff.designation', 'breach.record', 'oversight.case', 'oversight.finding'],
    recipientCategories: ['data protection officer', 'supervisory authority'], retention: 'P10Y from the processing logged',
    requiresDesignation: false, requiresPledge: false, allowedUnderRestriction: true, allowsBreakGlass: false,
  },
  {
    code: 'SUBJECT_RIGHTS', name: 'Data-subject rights requests',
    purpose: 'Answering access, rectification, erasure, restriction, objection and portability requests (R21).',
    legalBasis: 'GDPR art. 12-22; Law Enforcement Directive art. 14-18',
    dataSubjectCategories: ['detainees', 'requesters'],
    dataCategories: ['identity', 'identifier.national', 'detention', 'contact', 'health', 'criminal', 'biometric', 'identification', 'processing.restriction', 'audit.access_log', 'rights.request'],
    recipientCategories: ['data subject'], retention: 'P5Y after the request is resolved',
    requiresDesignation: false, requiresPledge: false, allowedUnderRestriction: true, allowsBreakGlass: false,
  },
];
