import { EntitySchema } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Person } from './Person.js';
import type { RightsRequest } from './RightsRequest.js';

export type NotificationStatus = 'PENDING' | 'SENT';
/** A client system is told through its own channel; any other recipient by letter. */
export type NotificationChannel = 'CLIENT_SYSTEM' | 'LETTER';

/**
 * R21: a recipient the person's data were disclosed to, to be told of a rectification, erasure or
 * restriction. One per (request, recipient); the DPO marks it sent once the notice went out.
 */
export class RightsNotification {
  id: string = randomUUID();
  request!: RightsRequest;
  person!: Person;
  recipientId!: string;
  recipientCategory!: string;
  channel!: NotificationChannel;
  /** The categories of the person's data the recipient received. */
  categoriesDisclosed: string[] = [];
  firstDisclosedAt!: Date;
  lastDisclosedAt!: Date;
  status: NotificationStatus = 'PENDING';
  createdAt!: Date;
  sentAt?: Date | null;
  sentBy?: string | null;
}

export const RightsNotificationSchema = new EntitySchema<RightsNotification>({
  class: RightsNotification,
  uniques: [{ properties: ['request', 'recipientId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    request: { kind: 'm:1', entity: 'RightsRequest', index: true },
    person: { kind: 'm:1', entity: 'Person', index: true },
    recipientId: { type: 'text' },
    recipientCategory: { type: 'text' },
    channel: { enum: true, items: () => ['CLIENT_SYSTEM', 'LETTER'] },
    categoriesDisclosed: { type: 'text[]' },
    firstDisclosedAt: { type: 'Date', columnType: 'timestamptz' },
    lastDisclosedAt: { type: 'Date', columnType: 'timestamptz' },
    status: { enum: true, items: () => ['PENDING', 'SENT'], default: 'PENDING' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    sentAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    sentBy: { type: 'text', nullable: true },
  },
});
