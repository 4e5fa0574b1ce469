import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, validate, type GraphQLSchema } from 'graphql';

/** A reviewed operation an integrator (or the console) may run: bound to its purposes and to the clients allowed. */
export interface PersistedOperation {
  /** sha256 of the normalised document: what clients send as sha256Hash or documentId. */
  id: string;
  name: string;
  /**
   * One purpose: the request runs under it, whatever x-purpose says. Several: x-purpose must name
   * one of them. None (`# Purpose: x-purpose`): the request's x-purpose, which the register and the
   * policy then allow or refuse like any other request's (first-party operations, see FIRST_PARTY_CLIENT).
   */
  purposes: string[];
  clients: string[];
  file: string;
  document: string;
  /**
   * Every id a request may name it by: `id`, then the ids integrators' tools compute
   * (src/persisted/formats/ids.ts, written by npm run operations:manifest). The log keeps `id`.
   */
  ids?: string[];
}

export interface Manifest {
  operations: PersistedOperation[];
}

const HEADER = /^#\s*(Purpose|Clients):\s*(.+)$/gim;
const PROCESSING_CODE = /^[A-Z][A-Z0-9_]*$/;
/** The purpose header's marker for "the request's x-purpose". */
export const REQUEST_PURPOSE = 'x-purpose';
/**
 * The console's operations (issue 21) name this client: staff run them from the browser under the
 * purpose they chose. No client system may take the name (gate.ts).
 */
export const FIRST_PARTY_CLIENT = 'console';

/** Whitespace and comments removed, so a reformatted file keeps its id. */
export function normalise(source: string): string {
  return print(parse(source));
}

export function operationId(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** `A, B` → [A, B]; the marker x-purpose → [] (the request's). */
function parsePurposes(file: string, header: string | undefined): string[] {
  if (header === REQUEST_PURPOSE) return [];
  const purposes = (header ?? '').split(',').map((p) => p.trim());
  if (!purposes.every((p) => PROCESSING_CODE.test(p))) {
    throw new Error(`${file}: needs a "# Purpose: PROCESSING_CODE" header (several separated by commas, or ${REQUEST_PURPOSE})`);
  }
  return purposes;
}

/**
 * Reads schema/operations/*.graphql and its subfolders (console/: the console's). Each file holds
 * one named operation and declares beside it, in header comments, the purposes it serves and the
 * clients that may run it:
 *   # Purpose: IDENTIFICATION_OF_DETAINEES
 *   # Clients: afis-link
 */
export function readOperations(dir: string): PersistedOperation[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  return files.filter((f) => f.endsWith('.graphql')).sort().map((file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const header = Object.fromEntries([...source.matchAll(HEADER)].map((m) => [m[1].toLowerCase(), m[2].trim()]));
    const purposes = parsePurposes(file, header.purpose);
    const clients = (header.clients ?? '').split(',').map((c: string) => c.trim()).filter(Boolean);
    if (clients.length === 0) throw new Error(`${file}: needs a "# Clients: id, id" header`);
    const document = normalise(source);
    const ops = parse(document).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (ops.length !== 1 || !ops[0].name) throw new Error(`${file}: must hold exactly one named operation`);
    return { id: operationId(document), name: ops[0].name.value, purposes, clients, file, document };
  });
}

/** Validation errors of each operation against the schema: an operation that no longer validates fails CI. */
export function validateOperations(schema: GraphQLSchema, operations: PersistedOperation[]): string[] {
  return operations.flatMap((op) => validate(schema, parse(op.document)).map((e) => `${op.file}: ${e.message}`));
}

export function manifestJson(operations: PersistedOperation[]): string {
  return JSON.stringify({ operations } satisfies Manifest, null, 2) + '\n';
}

export const operationsDir = new URL('../../schema/operations', import.meta.url).pathname;
export const manifestPath = join(operationsDir, 'manifest.json');

export function loadManifest(path = manifestPath): Map<string, PersistedOperation> {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  return byId(manifest.operations);
}

/** The operations by each id they may be named by. */
export function byId(operations: PersistedOperation[]): Map<string, PersistedOperation> {
  return new Map(operations.flatMap((op) => (op.ids ?? [op.id]).map((id) => [id, op] as const)));
}
