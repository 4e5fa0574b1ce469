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

/** x-justification: the concrete reason (case, dossier, ticket), kept in the access log. */
export function justificationHeader(headers: IncomingHttpHeaders): string | null {
  const value = single(headers['x-justification']);
  if (value === undefined || value.trim() === '') return null;
  if (value.length > 500) throw new HeaderError('x-justification', 'x-justification must be at most 500 characters');
  return value.trim();
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
