import { getNamedType, isLeafType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Access } from '../../../src/authz/ability.js';
import { decideField } from '../../../src/authz/decide.js';
import type { Policy } from '../../../src/authz/policy.js';
import { loadRegisterEntry } from '../../../src/authz/register-entry.js';
import { loadPrincipal } from '../../../src/auth/principal-loader.js';
import { Person } from '../../../src/domain/Person.js';
import type { Selection } from './selection.js';

/** A value planted in the data that says what it is: `⟦category|person[+person]⟧`. */
export const canary = (category: string, ...persons: string[]) => `⟦${category}|${persons.join('+')}⟧`;
const CANARY = /⟦([a-z_.]+)\|([a-z0-9+-]+)⟧/g;

export interface LogRow {
  action: string; outcome: string; reason: string | null; subject_type: string; subject_id: string | null;
  person_id: string | null; categories: string[];
}

/** The categories of the answer's non-null values, with where they are (typed fields and report sections alike). */
export function categorisedValues(schema: GraphQLSchema, type: GraphQLObjectType, selections: Selection[], data: unknown, path = ''): { path: string; category: string }[] {
  if (data == null) return [];
  if (Array.isArray(data)) return data.flatMap((d, i) => categorisedValues(schema, type, selections, d, `${path}[${i}]`));
  const out: { path: string; category: string }[] = [];
  const object = data as Record<string, unknown>;
  for (const s of selections) {
    const field = type.getFields()[s.name];
    const value = object[s.name];
    if (!field || value == null) continue;
    const ext = field.extensions as { category?: string; categoryFrom?: string };
    const category = ext.category ?? (ext.categoryFrom ? String(object[ext.categoryFrom]) : undefined);
    if (category) out.push({ path: `${path}.${s.name}`, category });
    const named = getNamedType(field.type);
    if (!isLeafType(named) && s.children.length > 0) out.push(...categorisedValues(schema, named as GraphQLObjectType, s.children, value, `${path}.${s.name}`));
  }
  return out;
}

/** The planted values in an answer: each with its category and the persons it may be about. */
export function canariesIn(text: string): { category: string; persons: string[] }[] {
  return [...text.matchAll(CANARY)].map((m) => ({ category: m[1], persons: m[2].split('+') }));
}

/**
 * Recomputes a log row's decision from the database as it stands: the principal, the purpose's
 * register entry, the subject entity with its person, through the one decision function.
 */
export class DecisionOracle {
  private readonly accesses = new Map<string, Promise<Access>>();
  constructor(private readonly em: EntityManager, private readonly policy: Policy) {}

  private access(principalId: string, purpose: string): Promise<Access> {
    const key = `${principalId}|${purpose}`;
    let a = this.accesses.get(key);
    if (!a) {
      a = (async () => {
        const em = this.em.fork();
        const principal = await loadPrincipal(em, principalId, new Date());
        if (!principal) throw new Error(`coverage: no principal ${principalId}`);
        return new Access(this.policy, principal, purpose, await loadRegisterEntry(em, purpose));
      })();
      this.accesses.set(key, a);
    }
    return a;
  }

  /** Forget compiled accesses (after mutations changed designations, pledges or the register). */
  reset(): void {
    this.accesses.clear();
  }

  async allows(principalId: string, purpose: string, row: LogRow, category: string): Promise<string | null> {
    const access = await this.access(principalId, purpose);
    const em = this.em.fork();
    const meta = em.getMetadata().find(row.subject_type);
    let subject: object | null = null;
    if (meta && row.subject_id) {
      const populate = meta.properties.person ? ['person'] : meta.properties.request ? ['request.person'] : [];
      subject = await em.findOne(row.subject_type, { id: row.subject_id }, { populate: populate as never });
      if (!subject) return `subject ${row.subject_type} ${row.subject_id} not found`;
    } else if (row.subject_type !== 'AccessLog' && row.subject_type !== 'StaffMember') {
      return `no entity for subject type ${row.subject_type}: map it in the coverage oracle`;
    }
    const person = row.person_id ? await em.findOne(Person, { id: row.person_id }) : null;
    const d = decideField(access, 'read', row.subject_type, subject, category, person);
    return d.allowed ? null : d.reason;
  }
}
