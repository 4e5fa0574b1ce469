import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

/**
 * One principal's day in the access log, folded by the oversight job: VOLUME_SPIKE's 28-day baseline
 * and the denial counts are reads of these rows, not scans of the log.
 */
export class OversightDaily {
  [PrimaryKeyProp]?: ['principalId', 'day'];
  principalId!: string;
  day!: string;
  /** Distinct persons consulted (granted consultations). */
  persons!: number;
  consultations!: number;
  /** NOT_DESIGNATED, NO_CONFIDENTIALITY_PLEDGE and CATEGORY_NOT_IN_PURPOSE denials: probing. */
  probeDenials!: number;
  /** ROW_CONDITION denials: attempts at persons of another institution. */
  rowConditionDenials!: number;
}

export const OversightDailySchema = new EntitySchema<OversightDaily>({
  class: OversightDaily,
  tableName: 'oversight_daily',
  properties: {
    principalId: { type: 'text', primary: true },
    day: { type: 'date', columnType: 'date', primary: true },
    persons: { type: 'integer' },
    consultations: { type: 'integer' },
    probeDenials: { type: 'integer' },
    rowConditionDenials: { type: 'integer' },
  },
});
