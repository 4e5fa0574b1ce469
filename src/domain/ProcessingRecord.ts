import { EntitySchema } from '@mikro-orm/core';

/**
 * One processing activity of the register (R19). The current state lives here; every version,
 * including the first, is kept in ProcessingRecordVersion.
 */
export class ProcessingRecord {
  code!: string;
  name!: string;
  purpose!: string;
  legalBasis!: string;
  dataSubjectCategories: string[] = [];
  dataCategories: string[] = [];
  recipientCategories: string[] = [];
  retention!: string;
  requiresDesignation = false;
  requiresPledge = false;
  /** R22: whether this processing may go on for persons whose processing is restricted. */
  allowedUnderRestriction = false;
  /** Issue 20: whether a principal may break the glass (time-boxed emergency access to one person) under it. */
  allowsBreakGlass = false;
  active = true;
  version = 1;
  updatedAt: Date = new Date();
}

export const ProcessingRecordSchema = new EntitySchema<ProcessingRecord>({
  class: ProcessingRecord,
  properties: {
    code: { type: 'text', primary: true },
    name: { type: 'text' },
    purpose: { type: 'text' },
    legalBasis: { type: 'text' },
    dataSubjectCategories: { type: 'text[]' },
    dataCategories: { type: 'text[]' },
    recipientCategories: { type: 'text[]' },
    retention: { type: 'text' },
    requiresDesignation: { type: 'boolean', default: false },
    requiresPledge: { type: 'boolean', default: false },
    allowedUnderRestriction: { type: 'boolean', default: false },
    allowsBreakGlass: { type: 'boolean', default: false },
    active: { type: 'boolean', default: true },
    version: { type: 'integer', default: 1 },
    updatedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
