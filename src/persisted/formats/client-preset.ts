import type { PersistedOperation } from '../manifest.js';
import { clientPresetId, clientPresetPrint } from './ids.js';
import type { ImportedOperation } from './imported.js';

export const CLIENT_PRESET_FORMAT = 'client-preset persisted documents';

/** client-preset 6 writes its sha256 ids with this prefix (the persisted-documents appendix of GraphQL over HTTP); older versions without. */
const PREFIX = 'sha256:';

/**
 * The documents of a client-preset `persisted-documents.json` (`{ "<id>": "<document>" }`), each
 * checked as the preset writes it: the document is as printExecutableGraphQLDocument writes it
 * (no comment can hide in it) and the id is its sha256.
 */
export function readPersistedDocuments(json: unknown): ImportedOperation[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not a persisted-documents.json: expected an object of id → document');
  return Object.entries(json as Record<string, unknown>).map(([key, body]) => {
    if (typeof body !== 'string') throw new Error(`${key}: the document is not a string`);
    const id = key.startsWith(PREFIX) ? key.slice(PREFIX.length) : key;
    if (!/^[0-9a-f]{64}$/.test(id)) throw new Error(`${key}: not a sha256 id (hashAlgorithm sha256 is the one supported)`);
    if (clientPresetPrint(body) !== body || clientPresetId(body) !== id) {
      throw new Error(`${key}: the id is not the sha256 of the document as client-preset prints it (edited by hand, or another hash algorithm?)`);
    }
    return { name: '', body, id, format: CLIENT_PRESET_FORMAT };
  });
}

/** The operations as client-preset's persisted-documents.json lists them, under the ids the preset computes. */
export function persistedDocuments(operations: PersistedOperation[]): Record<string, string> {
  return Object.fromEntries(operations.map((op) => [`${PREFIX}${clientPresetId(op.document)}`, clientPresetPrint(op.document)]));
}
