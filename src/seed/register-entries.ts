import type { RegisterEntry } from '../authz/principal.js';
import { demoRegister } from './register.js';

/** The demo register as decisions see it (active, version 1): for decision tables and the matrix. */
export function demoRegisterEntries(): RegisterEntry[] {
  return demoRegister.map((r) => ({ ...r, active: true, version: 1 }));
}
