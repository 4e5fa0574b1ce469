import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * R25, R9: one security breach in the DPO's register. Every breach is documented, reported to the
 * supervisory authority or not; when not, why not is part of the record.
 */
export class Breach {
  id: string = randomUUID();
  /** What happened. */
  description!: string;
  discoveredAt!: Date;
  /** When it occurred, if known. */
  occurredAt?: Date | null;
  dataCategories: string[] = [];
  personsAffectedCount!: number;
  /** The persons known to be affected (ids only); may be fewer than the count. */
  personIds: string[] = [];
  measures!: string;
  reportedToAuthority!: boolean;
  notReportedReason?: string | null;
  reportedAt?: Date | null;
  recordedBy!: string;
  recordedAt!: Date;
}

export const BreachSchema = new EntitySchema<Breach>({
  class: Breach,
  indexes: [{ properties: ['recordedAt', 'id'] }],
  // R25: a reported breach says when; an unreported one says why not. The database holds to it too.
  checks: [
    { name: 'breach_report_check', expression: '(reported_to_authority and reported_at is not null and not_reported_reason is null) or (not reported_to_authority and reported_at is null and not_reported_reason is not null)' },
    { name: 'breach_persons_check', expression: 'persons_affected_count >= cardinality(person_ids)' },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    description: { type: 'text' },
    discoveredAt: { type: 'Date', columnType: 'timestamptz' },
    occurredAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    dataCategories: { type: 'text[]' },
    personsAffectedCount: { type: 'integer' },
    personIds: { type: 'text[]' },
    measures: { type: 'text' },
    reportedToAuthority: { type: 'boolean' },
    notReportedReason: { type: 'text', nullable: true },
    reportedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    recordedBy: { type: 'text' },
    recordedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
