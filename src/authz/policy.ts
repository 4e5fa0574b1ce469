import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import { BREAK_GLASS_FILE, breakGlassFile, compileBreakGlass, type BreakGlassPolicy } from './break-glass-policy.js';

/** The policies/ folder, loaded, validated and fingerprinted. Pure data: no request state. */
export interface Policy {
  revision: string;
  categories: Map<string, CategoryDef>;
  roles: Map<string, RoleDef>;
  /** Emergency access (issue 20): policies/break-glass.yaml. */
  breakGlass: BreakGlassPolicy;
}

const categorySchema = z.strictObject({
  description: z.string(),
  special: z.boolean().default(false),
  pledge: z.boolean().default(false),
  visibleUnderRestriction: z.boolean().default(false),
});
export type CategoryDef = z.infer<typeof categorySchema> & { name: string };

const categoriesFile = z.strictObject({
  categories: z.record(z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'a dotted lower-case category name'), categorySchema),
});

const grantSchema = z.strictObject({
  actions: z.array(z.enum(['read', 'create', 'update', 'delete', 'manage', 'disclose', 'confirm'])).min(1),
  subject: z.string().regex(/^[A-Z][A-Za-z]*$/, 'a type name such as Person'),
  categories: z.array(z.string()).min(1).optional(),
  purposes: z.array(z.string()).min(1).optional(),
  conditions: z.record(z.string(), z.unknown()).optional(),
});
export type GrantDef = z.infer<typeof grantSchema>;

const roleSchema = z.strictObject({
  description: z.string(),
  purposes: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a processing code')).default([]),
  grants: z.array(grantSchema).default([]),
});
export type RoleDef = z.infer<typeof roleSchema> & { name: string };

const rolesFile = z.strictObject({ roles: z.record(z.string(), roleSchema) });

export class PolicyError extends Error {}

/** Parses one YAML file against a schema; errors name the file and line. */
export function readYaml<T>(file: string, schema: z.ZodType<T>, root: string): T {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const where = relative(root, file) || file;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new PolicyError(`${where}:${lineCounter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    let node = doc.getIn(path, true);
    for (let i = path.length; !isNode(node) && i > 0; i--) node = doc.getIn(path.slice(0, i - 1), true);
    const line = isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : 1;
    throw new PolicyError(`${where}:${line}: ${path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Expands `identity.*` or `identity` to the leaf categories of the taxonomy. */
export function expandCategories(patterns: readonly string[], categories: Map<string, CategoryDef>): string[] {
  const leaves = new Set<string>();
  for (const p of patterns) {
    const prefix = p.endsWith('.*') ? p.slice(0, -2) : p;
    for (const name of categories.keys()) if (name === prefix || name.startsWith(prefix + '.')) leaves.add(name);
  }
  return [...leaves];
}

export function loadPolicy(dir: string): Policy {
  const hash = createHash('sha256');
  const files = ['categories.yaml', 'roles.yaml', BREAK_GLASS_FILE];
  for (const f of files) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');

  const cats = readYaml(join(dir, 'categories.yaml'), categoriesFile, dir);
  const categories = new Map(Object.entries(cats.categories).map(([name, def]) => [name, { ...def, name }]));
  const roleDoc = readYaml(join(dir, 'roles.yaml'), rolesFile, dir);
  const roles = new Map(Object.entries(roleDoc.roles).map(([name, def]) => [name, { ...def, name }]));

  for (const role of roles.values()) {
    role.grants.forEach((g, i) => {
      for (const c of g.categories ?? []) {
        if (expandCategories([c], categories).length === 0) {
          throw new PolicyError(`roles.yaml: roles.${role.name}.grants.${i}: unknown category ${c}`);
        }
      }
      for (const p of g.purposes ?? []) {
        if (!role.purposes.includes(p)) throw new PolicyError(`roles.yaml: roles.${role.name}.grants.${i}: purpose ${p} is not among the role's purposes`);
      }
    });
  }
  const glass = compileBreakGlass(readYaml(join(dir, BREAK_GLASS_FILE), breakGlassFile, dir), (c) => expandCategories(c, categories), new Set(roles.keys()));
  if (glass.problem) throw new PolicyError(glass.problem);
  const breakGlass = glass.policy;
  return { revision: hash.digest('hex').slice(0, 16), categories, roles, breakGlass };
}


export const defaultPolicyDir = new URL('../../policies', import.meta.url).pathname;
