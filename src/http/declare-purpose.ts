import type { IncomingHttpHeaders } from 'node:http';
import type { PersistedOperation } from '../persisted/manifest.js';
import { accepted, refusal, type Outcome } from './refusal.js';
import { HeaderError, justificationHeader, purposeHeader } from './request-headers.js';

export interface Declared {
  purpose: string | null;
  justification: string | null;
}

/**
 * Why the request is made (R12, R10): the purpose (a persisted operation serves the one it was
 * reviewed for, whatever a header says, or the one of its purposes x-purpose names) and the
 * caller's justification. A malformed header, or a purpose the operation does not serve, is
 * BAD_USER_INPUT naming it.
 */
export function declarePurpose(headers: IncomingHttpHeaders, persisted: PersistedOperation | null): Outcome<Declared> {
  try {
    const purpose = persisted ? operationPurpose(persisted, headers) : purposeHeader(headers);
    return accepted({ purpose, justification: justificationHeader(headers) });
  } catch (e) {
    if (e instanceof HeaderError) return refusal(400, 'BAD_USER_INPUT', e.message, { field: e.header });
    throw e;
  }
}

function operationPurpose(op: PersistedOperation, headers: IncomingHttpHeaders): string | null {
  if (op.purposes.length === 1) return op.purposes[0];
  const asked = purposeHeader(headers);
  if (op.purposes.length === 0 || asked === null || op.purposes.includes(asked)) return asked;
  throw new HeaderError('x-purpose', `x-purpose must be one of ${op.purposes.join(', ')} for this operation`);
}
