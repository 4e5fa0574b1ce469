import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { AccessLogEntry } from './AccessLogEntry.js';

/** The log could not be written: the caller gets this and no personal data (fail-closed). */
export function auditLogUnavailable(): GraphQLError {
  return new GraphQLError('The access log could not be written, so no data were returned.', {
    extensions: { code: 'AUDIT_LOG_UNAVAILABLE' },
  });
}

/** Writes a request's rows with one multi-row INSERT, inside the request's transaction. */
export async function writeEntries(em: EntityManager, entries: AccessLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await em.insertMany(AccessLogEntry, entries.map(({ seq: _seq, ...row }) => row));
}
