import { EntitySchema } from '@mikro-orm/core';

/** An integrator system calling with client credentials (R11: its access can be revoked at once). */
export class ClientSystem {
  id!: string;
  organisation!: string;
  recipientCategory!: string;
  roles: string[] = [];
  active = true;
  revokedAt?: Date | null;
  revokedReason?: string | null;
}

export const ClientSystemSchema = new EntitySchema<ClientSystem>({
  class: ClientSystem,
  properties: {
    id: { type: 'text', primary: true },
    organisation: { type: 'text' },
    recipientCategory: { type: 'text' },
    roles: { type: 'text[]' },
    active: { type: 'boolean', default: true },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    revokedReason: { type: 'text', nullable: true },
  },
});
