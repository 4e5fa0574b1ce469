import { EntitySchema } from '@mikro-orm/core';

/**
 * One link of the hash chain: a batch of rows sealed together, in (tx, seq) order. It covers every
 * row after the previous seal's (lastTx, lastSeq) up to its own, lists them, and chains the digest
 * of their hashes to the previous link (src/audit/chain.ts). Format 2 (Migration20261205000100)
 * also chains each row's time and sequence number, which the database set.
 */
export class AccessLogSeal {
  position!: string;
  lastTx!: string;
  lastSeq!: string;
  entryIds!: string[];
  entrySeqs!: string[];
  rowHashes!: string[];
  firstAt!: Date;
  lastAt!: Date;
  digest!: string;
  chainHash!: string;
  sealedAt!: Date;
  format!: number;
  entryAts?: string[] | null;
}

export const AccessLogSealSchema = new EntitySchema<AccessLogSeal>({
  class: AccessLogSeal,
  tableName: 'access_log_seal',
  indexes: [{ properties: ['lastAt'] }, { properties: ['lastTx', 'lastSeq'] }],
  properties: {
    position: { type: 'bigint', primary: true, autoincrement: false },
    lastTx: { type: 'string', columnType: 'xid8' },
    lastSeq: { type: 'bigint' },
    entryIds: { type: 'uuid[]', columnType: 'uuid[]' },
    entrySeqs: { type: 'string[]', columnType: 'bigint[]' },
    rowHashes: { type: 'text[]' },
    firstAt: { type: 'Date', columnType: 'timestamptz' },
    lastAt: { type: 'Date', columnType: 'timestamptz' },
    digest: { type: 'text' },
    chainHash: { type: 'text' },
    sealedAt: { type: 'Date', columnType: 'timestamptz' },
    format: { type: 'smallint', default: 1 },
    entryAts: { type: 'string[]', columnType: 'timestamptz[]', nullable: true },
  },
});

/**
 * A signed chain head: lets an auditor verify the chain outside the system. `publicKey` is stored
 * for information only: signatures are checked with the trusted keys of the configuration.
 */
export class AccessLogCheckpoint {
  position!: string;
  chainHash!: string;
  signedAt!: Date;
  keyId!: string;
  publicKey!: string;
  signature!: string;
}

export const AccessLogCheckpointSchema = new EntitySchema<AccessLogCheckpoint>({
  class: AccessLogCheckpoint,
  tableName: 'access_log_checkpoint',
  properties: {
    position: { type: 'bigint', primary: true, autoincrement: false },
    chainHash: { type: 'text' },
    signedAt: { type: 'Date', columnType: 'timestamptz' },
    keyId: { type: 'text' },
    publicKey: { type: 'text' },
    signature: { type: 'text' },
  },
});
