import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Person } from '../domain/Person.js';
import { Access } from './ability.js';
import { decideField } from './decide.js';
import { readYaml, type Policy } from './policy.js';
import type { Principal, RegisterEntry } from './principal.js';

/**
 * Decision tables (policies/tests/*.yaml), like `opa test` or Cerbos test suites: principal,
 * purpose, action, subject attributes → expected allow or denial reason per category.
 * Pure: they run against the policy files and a register given as data, without a server.
 */

const principalSchema = z.strictObject({
  kind: z.enum(['staff', 'client']).default('staff'),
  roles: z.array(z.string()).min(1),
  institution: z.string().nullable().default(null),
  designations: z.array(z.string()).default([]),
  pledge: z.boolean().default(false),
  recipientCategory: z.string().optional(),
  /** Live break-glass grants (issue 20): the person (a subject's `id`), the purpose and the categories declared. */
  breakGlass: z.array(z.strictObject({ personId: z.string(), purpose: z.string(), categories: z.array(z.string()).min(1) })).optional(),
});
const principalsFile = z.strictObject({ principals: z.record(z.string(), principalSchema) });

const caseSchema = z.strictObject({
  name: z.string(),
  principal: z.string(),
  purpose: z.string().nullable(),
  action: z.string().default('read'),
  record: z.strictObject({ active: z.boolean().optional(), dataCategories: z.array(z.string()).optional(), allowsBreakGlass: z.boolean().optional() }).optional(),
  subject: z.object({ type: z.string() }).catchall(z.unknown()),
  expect: z.record(z.string(), z.string().regex(/^(allow|[A-Z_]+)$/, 'allow or a reason code')),
});
const tableFile = z.strictObject({ description: z.string(), cases: z.array(caseSchema).min(1) });

export type DecisionCase = z.infer<typeof caseSchema> & { file: string };

export interface CaseResult {
  case: DecisionCase;
  failures: { category: string; expected: string; actual: string }[];
}

export function loadDecisionTables(policyDir: string): { principals: Map<string, Principal>; cases: DecisionCase[] } {
  const dir = join(policyDir, 'tests');
  const principals = new Map(Object.entries(readYaml(join(dir, 'principals.yaml'), principalsFile, policyDir).principals)
    .map(([id, p]) => [id, {
      id, kind: p.kind, roles: p.roles, institution: p.institution, unit: id, recipientCategory: p.recipientCategory ?? `internal:${id}`,
      designations: p.designations, hasPledge: p.pledge,
      ...(p.breakGlass ? { breakGlass: p.breakGlass.map((g, i) => ({ id: `grant-${i}`, ...g, endsAt: '2099-01-01T00:00:00.000Z' })) } : {}),
    } satisfies Principal]));
  // oversight-*.yaml are tables of another kind, run by src/oversight/signals/decision-tables.ts.
  const cases = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'principals.yaml' && !f.startsWith('oversight-')).sort()
    .flatMap((f) => readYaml(join(dir, f), tableFile, policyDir).cases.map((c) => ({ ...c, file: `tests/${f}` })));
  for (const c of cases) if (!principals.has(c.principal)) throw new Error(`${c.file}: case "${c.name}": unknown principal ${c.principal}`);
  return { principals, cases };
}

export function runCase(policy: Policy, register: Map<string, RegisterEntry>, principals: Map<string, Principal>, c: DecisionCase): CaseResult {
  const base = c.purpose ? register.get(c.purpose) ?? null : null;
  const record = base && c.record ? { ...base, ...c.record } : base;
  const access = new Access(policy, principals.get(c.principal)!, c.purpose, record);
  const { type, ...attributes } = c.subject;
  const subject = type === 'Person' ? Object.assign(new Person(), { id: 'subject', ...attributes }) : { ...attributes };
  const person = type === 'Person' ? (subject as Person) : null;
  const failures = Object.entries(c.expect).flatMap(([category, expected]) => {
    const d = decideField(access, c.action, type, subject, category, person);
    // A read only an emergency grant allowed reads BREAK_GLASS, as its log row does.
    const actual = d.allowed ? d.reason ?? 'allow' : d.reason!;
    return actual === expected ? [] : [{ category, expected, actual }];
  });
  return { case: c, failures };
}
