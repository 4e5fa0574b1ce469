import { EntitySchema } from '@mikro-orm/core';

/**
 * How far the oversight job has folded the log: the last seal folded and the log position (tx, seq)
 * it ends at. Rows beyond a seal are never folded: only what the chain covers is judged.
 */
export class OversightProgress {
  name!: string;
  sealPosition!: string;
  lastTx!: string;
  lastSeq!: string;
  rowsFolded!: string;
  updatedAt!: Date;
}

export const OversightProgressSchema = new EntitySchema<OversightProgress>({
  class: OversightProgress,
  tableName: 'oversight_progress',
  properties: {
    name: { type: 'text', primary: true },
    sealPosition: { type: 'bigint' },
    lastTx: { type: 'string', columnType: 'xid8' },
    lastSeq: { type: 'bigint' },
    rowsFolded: { type: 'bigint' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
