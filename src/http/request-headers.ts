import type { IncomingHttpHeaders } from 'node:http';

export class HeaderError extends Error {
  constructor(readonly header: string, message: string) {
    super(message);
  }
}

const PURPOSE = /^[A-Z][A-Z0-9_]{0,63}$/;

export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const value = headers.authorization;
  if (!value) return null;
  const match = /^Bearer ([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*\.[A-Za-z0-9\-_=+/]*)$/.exec(value.trim());
  return match ? match[1] : null;
}

/** x-purpose: the processing code the request serves (R12). */
export function purposeHeader(headers: IncomingHttpHeaders): string | null {
  const value = single(headers['x-purpose']);
  if (value === undefined || value === '') return null;
  if (!PURPOSE.test(value)) throw new HeaderError('x-purpose', 'x-purpose must be a processing code such as DETENTION_MANAGEMENT');
  return value;
}

/**
 * x-justification: the concrete reason (case, dossier, ticket), kept in the access log (R10: the row
 * must say what the caller wrote). Node hands header values over as latin1, one character per byte;
 * clients such as curl send UTF-8, so the bytes are read as UTF-8 (below).
 */
export function justificationHeader(headers: IncomingHttpHeaders): string | null {
  const raw = single(headers['x-justification']);
  if (raw === undefined) return null;
  const value = textHeaderValue('x-justification', raw).trim();
  if (value === '') return null;
  if (value.length > 500) throw new HeaderError('x-justification', 'x-justification must be at most 500 characters');
  return value;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const CONTROL = /\p{Cc}/u;

/**
 * A header value's bytes read as UTF-8. Bytes that are not UTF-8 keep their latin1 reading: that is
 * what a browser's fetch sends for "ü" (its header values are byte strings), and it is legible as such.
 * Control characters (also C1, U+0080–U+009F) are refused: they have no place in a log row.
 */
function textHeaderValue(header: string, latin1: string): string {
  let value: string;
  try {
    value = UTF8.decode(Buffer.from(latin1, 'latin1'));
  } catch {
    value = latin1;
  }
  if (CONTROL.test(value)) throw new HeaderError(header, `${header} must not contain control characters`);
  return value;
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
