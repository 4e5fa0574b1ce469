import { Collection, EntitySchema } from '@mikro-orm/core';
import type { Designation } from './Designation.js';
import type { ConfidentialityPledge } from './ConfidentialityPledge.js';

/** A staff member who may call the API; roles and unit are read at every request. */
export class StaffMember {
  id!: string;
  displayName!: string;
  roles: string[] = [];
  /** Institution the member works at; null for central services. */
  institution?: string | null;
  unit!: string;
  active = true;
  designations = new Collection<Designation>(this);
  pledges = new Collection<ConfidentialityPledge>(this);
}

export const StaffMemberSchema = new EntitySchema<StaffMember>({
  class: StaffMember,
  properties: {
    id: { type: 'text', primary: true },
    displayName: { type: 'text' },
    roles: { type: 'text[]' },
    institution: { type: 'text', nullable: true },
    unit: { type: 'text' },
    active: { type: 'boolean', default: true },
    designations: { kind: '1:m', entity: 'Designation', mappedBy: 'staffMember' },
    pledges: { kind: '1:m', entity: 'ConfidentialityPledge', mappedBy: 'staffMember' },
  },
});
