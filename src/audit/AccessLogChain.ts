import { EntitySchema } from '@mikro-orm/core';

/** One link of the hash chain: the row's hash, chained to the link before it, in seal order. */
export class AccessLogChainLink {
  position!: string;
  entryId!: string;
  entrySeq!: string;
  entryAt!: Date;
  rowHash!: string;
  chainHash!: string;
  sealedAt!: Date;
}

export const AccessLogChainLinkSchema = new EntitySchema<AccessLogChainLink>({
  class: AccessLogChainLink,
  tableName: 'access_log_chain',
  indexes: [{ properties: ['entryAt'] }],
  properties: {
    position: { type: 'bigint', primary: true, autoincrement: false },
    entryId: { type: 'uuid', unique: true },
    entrySeq: { type: 'bigint' },
    entryAt: { type: 'Date', columnType: 'timestamptz' },
    rowHash: { type: 'text' },
    chainHash: { type: 'text' },
    sealedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** A row written but not yet sealed into the chain (the sealer's queue). */
export class AccessLogPending {
  entryId!: string;
  seq!: string;
}

export const AccessLogPendingSchema = new EntitySchema<AccessLogPending>({
  class: AccessLogPending,
  tableName: 'access_log_pending',
  properties: {
    entryId: { type: 'uuid', primary: true },
    seq: { type: 'bigint' },
  },
});

/** A signed chain head: lets an auditor verify the chain outside the system. */
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
