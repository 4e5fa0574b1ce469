import type { EntityManager } from '@mikro-orm/postgresql';
import { runPrepared } from '../db/prepared-statement.js';
import { isDesignationActive } from '../domain/Designation.js';
import { isPledgeActive } from '../domain/ConfidentialityPledge.js';
import type { EmergencyGrant, Principal } from '../authz/principal.js';

/**
 * A staff member with their designations and pledges, or else a client system: one statement, read
 * as plain rows (every request runs it, and entities would buy nothing here), prepared so that each
 * connection plans it once.
 */
const PRINCIPAL = `
  select 'staff' as kind, s.id, s.active, s.roles, s.institution, s.unit, null as recipient_category,
    (select json_agg(json_build_object('processingCode', d.processing_code, 'validFrom', d.valid_from, 'validUntil', d.valid_until,
      'revokedAt', d.revoked_at, 'confirmedAt', d.confirmed_at)) from designation d where d.staff_member_id = s.id) as designations,
    (select json_agg(json_build_object('signedAt', p.signed_at, 'revokedAt', p.revoked_at, 'confirmedAt', p.confirmed_at))
      from confidentiality_pledge p where p.staff_member_id = s.id) as pledges,
    (select json_agg(json_build_object('id', g.id, 'personId', g.person_id, 'purpose', g.purpose, 'categories', g.categories, 'endsAt', g.ends_at)
      order by g.ends_at, g.id) from break_glass g where g.principal_id = s.id and g.ended_at is null and g.started_at <= ? and g.ends_at > ?) as break_glass
  from staff_member s where s.id = ?
  union all
  select 'client', c.id, c.active, c.roles, null, c.organisation, c.recipient_category, null, null, null
  from client_system c where c.id = ? and not exists (select 1 from staff_member where id = ?)`;

interface Row {
  kind: 'staff' | 'client';
  id: string;
  active: boolean;
  roles: string[];
  institution: string | null;
  unit: string;
  recipient_category: string | null;
  designations: { processingCode: string; validFrom: string; validUntil: string | null; revokedAt: string | null; confirmedAt: string | null }[] | null;
  pledges: { signedAt: string; revokedAt: string | null; confirmedAt: string | null }[] | null;
  break_glass: (Omit<EmergencyGrant, 'endsAt'> & { endsAt: string })[] | null;
}

const date = (s: string | null) => (s == null ? null : new Date(s));

/**
 * Reads the principal named by a token's subject from the database, at every request, so a role
 * change or a revocation takes effect on the next request. Null when unknown, inactive or revoked.
 */
export async function loadPrincipal(em: EntityManager, id: string, now: Date): Promise<Principal | null> {
  const [row] = await runPrepared<Row>(em, 'principal', PRINCIPAL, [now, now, id, id, id]);
  if (!row || !row.active) return null;
  if (row.kind === 'client') {
    return {
      id: row.id, kind: 'client', roles: [...row.roles], institution: null, unit: row.unit,
      recipientCategory: row.recipient_category!, designations: [], hasPledge: false,
    };
  }
  const designations = (row.designations ?? [])
    .filter((d) => isDesignationActive({
      validFrom: new Date(d.validFrom), validUntil: date(d.validUntil), revokedAt: date(d.revokedAt), confirmedAt: date(d.confirmedAt),
    }, now));
  return {
    id: row.id,
    kind: 'staff',
    roles: [...row.roles],
    institution: row.institution,
    unit: row.unit,
    recipientCategory: `staff:${row.roles.join('+')}`,
    designations: designations.map((d) => d.processingCode).sort(),
    hasPledge: (row.pledges ?? []).some((p) => isPledgeActive({ signedAt: new Date(p.signedAt), revokedAt: date(p.revokedAt), confirmedAt: date(p.confirmedAt) }, now)),
    // Issue 20: live break-glass grants, only when there are any (a compiled access is keyed by them).
    ...(row.break_glass ? { breakGlass: row.break_glass.map((g) => ({ ...g, endsAt: new Date(g.endsAt).toISOString() })) } : {}),
  };
}
