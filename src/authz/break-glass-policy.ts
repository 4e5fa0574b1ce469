import { z } from 'zod';

const CODE = /^[A-Z][A-Z0-9_]*$/;

const roleTerms = z.strictObject({
  reasonCodes: z.array(z.string().regex(CODE, 'a reason code')).min(1),
  categories: z.array(z.string()).min(1),
});

/** The schema of policies/break-glass.yaml. */
export const breakGlassFile = z.strictObject({
  breakGlass: z.strictObject({
    durationMinutes: z.number().int().min(1).max(24 * 60),
    reasonCodes: z.record(z.string().regex(CODE, 'a reason code'), z.string()),
    roles: z.record(z.string(), roleTerms).default({}),
  }),
});

export const BREAK_GLASS_FILE = 'break-glass.yaml';

/** policies/break-glass.yaml: who may break the glass, why, for how long, and which categories it may open. */
export interface BreakGlassPolicy {
  durationMinutes: number;
  reasonCodes: Map<string, string>;
  /** Per role: the reason codes it may declare and the leaf categories it may open. */
  roles: Map<string, { reasonCodes: string[]; categories: string[] }>;
}

/**
 * Checks the file against the taxonomy and the roles; the problem names the file and where, so a typo
 * stops the server like one in roles.yaml. `expand` turns category patterns into leaves.
 */
export function compileBreakGlass(
  file: z.infer<typeof breakGlassFile>, expand: (patterns: string[]) => string[], roleNames: Set<string>,
): { policy: BreakGlassPolicy; problem: string | null } {
  const { breakGlass } = file;
  const policy: BreakGlassPolicy = { durationMinutes: breakGlass.durationMinutes, reasonCodes: new Map(Object.entries(breakGlass.reasonCodes)), roles: new Map() };
  for (const [role, terms] of Object.entries(breakGlass.roles)) {
    const where = `${BREAK_GLASS_FILE}: breakGlass.roles.${role}`;
    if (!roleNames.has(role)) return { policy, problem: `${where}: no such role in roles.yaml` };
    const code = terms.reasonCodes.find((c) => !policy.reasonCodes.has(c));
    if (code) return { policy, problem: `${where}: unknown reason code ${code}` };
    const category = terms.categories.find((c) => expand([c]).length === 0);
    if (category) return { policy, problem: `${where}: unknown category ${category}` };
    policy.roles.set(role, { reasonCodes: terms.reasonCodes, categories: expand(terms.categories) });
  }
  return { policy, problem: null };
}
