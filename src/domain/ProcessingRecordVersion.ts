import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** An immutable snapshot of a processing record as it stood at one version (R19 history). */
export class ProcessingRecordVersion {
  id: string = randomUUID();
  code!: string;
  version!: number;
  snapshot!: Record<string, unknown>;
  changedBy!: string;
  change!: string;
  changedAt: Date = new Date();
}

export const ProcessingRecordVersionSchema = new EntitySchema<ProcessingRecordVersion>({
  class: ProcessingRecordVersion,
  uniques: [{ properties: ['code', 'version'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    code: { type: 'text' },
    version: { type: 'integer' },
    snapshot: { type: 'json' },
    changedBy: { type: 'text' },
    change: { type: 'text' },
    changedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
