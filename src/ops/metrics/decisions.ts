import { Counter } from 'prom-client';
import type { CollectedRow } from '../../audit/collector.js';
import { metricsEnabled, registry } from './registry.js';

const decisions = new Counter({
  name: 'ntk_decisions_total',
  help: 'Decisions as the access log records them (one per log row and data category), by outcome, reason and category',
  labelNames: ['outcome', 'reason', 'category'] as const, registers: [registry],
});

/** Outcome, reason and category come from fixed lists (src/authz/reasons.ts, policies/): bounded labels. */
export function countDecisions<R extends readonly CollectedRow[]>(rows: R): R {
  if (!metricsEnabled()) return rows;
  for (const r of rows) {
    const reason = r.reason ?? 'none';
    if (r.categories.length === 0) decisions.inc({ outcome: r.outcome, reason, category: 'none' });
    for (const category of r.categories) decisions.inc({ outcome: r.outcome, reason, category });
  }
  return rows;
}
