import type { EntityManager } from '@mikro-orm/postgresql';
import { runPrepared } from '../db/prepared-statement.js';
import type { RegisterEntry } from './principal.js';

const ENTRY = `select code, active, version, data_categories, recipient_categories, requires_designation, requires_pledge,
  allowed_under_restriction, allows_break_glass from processing_record where code = ?`;

interface Row {
  code: string;
  active: boolean;
  version: number;
  data_categories: string[];
  recipient_categories: string[];
  requires_designation: boolean;
  requires_pledge: boolean;
  allowed_under_restriction: boolean;
  allows_break_glass: boolean;
}

/**
 * The register entry of a purpose as it stands now, read at every request (a deactivated or amended
 * record takes effect on the next one), as a plain row: decisions need nothing of the entity.
 */
export async function loadRegisterEntry(em: EntityManager, code: string | null): Promise<RegisterEntry | null> {
  if (!code) return null;
  // Every request runs it: prepared, so each connection plans it once.
  const [r] = await runPrepared<Row>(em, 'register_entry', ENTRY, [code]);
  return r ? {
    code: r.code, active: r.active, version: r.version, dataCategories: r.data_categories, recipientCategories: r.recipient_categories,
    requiresDesignation: r.requires_designation, requiresPledge: r.requires_pledge, allowedUnderRestriction: r.allowed_under_restriction,
    allowsBreakGlass: r.allows_break_glass,
  } : null;
}
