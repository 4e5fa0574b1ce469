import { Reason } from './reasons.js';

/** The reason of a FORBIDDEN refusal a resolver threw, if it is one of the decision reasons. */
export function refusalReason(e: unknown): Reason | null {
  const ext = (e as { extensions?: { code?: unknown; reason?: unknown } } | null)?.extensions;
  const reason = ext?.code === 'FORBIDDEN' ? ext.reason : null;
  return (Object.values(Reason) as unknown[]).includes(reason) ? reason as Reason : null;
}
