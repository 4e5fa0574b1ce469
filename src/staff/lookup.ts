import type { EntityManager } from '@mikro-orm/postgresql';
import { StaffMember } from '../domain/StaffMember.js';
import { badUserInput } from '../schema/errors.js';

export async function staffMember(em: EntityManager, id: string, field = 'staffMemberId'): Promise<StaffMember> {
  const m = await em.findOne(StaffMember, { id });
  if (!m) throw badUserInput(field, 'no staff member with this id');
  return m;
}

export function checkReference(field: string, value: string): void {
  if (value.trim().length === 0 || value.length > 200) throw badUserInput(field, 'must be 1 to 200 characters');
}

export function uuid(field: string, value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw badUserInput(field, 'is not a valid id');
  return value;
}
