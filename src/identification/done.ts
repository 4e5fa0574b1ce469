import type { Effect } from '../audit/effects.js';

/**
 * What a workflow did, and its consequences for the log (R10). The caller records the effects once
 * the work is stored, so the log never shows an act that was rolled back.
 */
export interface Done<T> {
  result: T;
  effects: Effect[];
}
