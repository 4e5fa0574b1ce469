import { join } from 'node:path';
import { z } from 'zod';
import { defaultPolicyDir, readYaml } from '../../authz/policy.js';

/** The `review:` section of policies/oversight.yaml; the file's other sections belong to their own readers. */
const reviewSection = z.strictObject({
  /** Days a reviewer has from a case's opening; past it, an open case is overdue. */
  termDays: z.number().int().min(1).max(366),
});
export type ReviewPolicy = z.infer<typeof reviewSection>;

const oversightFile = z.looseObject({ review: reviewSection });

const cache = new Map<string, ReviewPolicy>();

/** The review term and friends, read once per policy folder. */
export function reviewPolicy(dir: string = defaultPolicyDir): ReviewPolicy {
  let policy = cache.get(dir);
  if (!policy) {
    policy = readYaml(join(dir, 'oversight.yaml'), oversightFile, dir).review;
    cache.set(dir, policy);
  }
  return policy;
}

/** When a case opened at `openedAt` falls due. */
export function dueDate(openedAt: Date, policy: ReviewPolicy): Date {
  return new Date(openedAt.getTime() + policy.termDays * 24 * 60 * 60 * 1000);
}
