import type { EntityManager } from '@mikro-orm/postgresql';
import { StaffMember } from '../domain/StaffMember.js';
import { ClientSystem } from '../domain/ClientSystem.js';
import { isDesignationActive } from '../domain/Designation.js';
import { isPledgeActive } from '../domain/ConfidentialityPledge.js';
import type { Principal } from '../authz/principal.js';

/**
 * Reads the principal named by a token's subject from the database, at every request, so a role
 * change or a revocation takes effect on the next request. Null when unknown, inactive or revoked.
 */
export async function loadPrincipal(em: EntityManager, id: string, now: Date): Promise<Principal | null> {
  const staff = await em.findOne(StaffMember, { id }, { populate: ['designations', 'pledges'], strategy: 'joined' });
  if (staff) {
    if (!staff.active) return null;
    return {
      id: staff.id,
      kind: 'staff',
      roles: [...staff.roles],
      institution: staff.institution ?? null,
      unit: staff.unit,
      recipientCategory: `staff:${staff.roles.join('+')}`,
      designations: staff.designations.getItems().filter((d) => isDesignationActive(d, now)).map((d) => d.processingCode).sort(),
      hasPledge: staff.pledges.getItems().some((p) => isPledgeActive(p, now)),
    };
  }
  const client = await em.findOne(ClientSystem, { id });
  if (!client || !client.active) return null;
  return {
    id: client.id,
    kind: 'client',
    roles: [...client.roles],
    institution: null,
    unit: client.organisation,
    recipientCategory: client.recipientCategory,
    designations: [],
    hasPledge: false,
  };
}
