import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLError, Kind, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { normalise } from '../manifest.js';
import { isApolloManifest, readApolloManifest } from './apollo-manifest.js';
import { readPersistedDocuments } from './client-preset.js';
import { clientPresetId, sha256 } from './ids.js';
import type { ImportedOperation } from './imported.js';

/** The operations of an integrator's file: an Apollo manifest, or client-preset's persisted documents. */
export function readIntegratorFile(text: string): ImportedOperation[] {
  const json = JSON.parse(text) as unknown;
  return isApolloManifest(json) ? readApolloManifest(json) : readPersistedDocuments(json);
}

export interface Binding {
  /** The processing activity every imported operation serves (R12). */
  purpose: string;
  /** The client systems that may run them. */
  clients: string[];
}

export interface Imported {
  file: string;
  name: string;
  /** The id the integrator's tool sends, which the manifest now lists. */
  id: string;
  /** False when the same document was already there (its file is left as it is). */
  written: boolean;
}

const PROCESSING_CODE = /^[A-Z][A-Z0-9_]*$/;
const CLIENT_ID = /^[a-z0-9][a-z0-9._-]*$/;

/** `PendingVerificationRequests` → `pending-verification-requests.graphql`, as the shipped files are named. */
export const fileNameOf = (name: string) => `${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase()}.graphql`;

/**
 * Writes each operation to `dir` as a reviewed file: bound to the purpose and clients given, the
 * document as the tool wrote it (so the tool's id is what this server computes from the file).
 * Everything is checked before anything is written: a document that does not parse, holds no
 * single named operation, does not validate against the schema, or would replace another file,
 * and the whole import is refused with every reason.
 */
export function importOperations(operations: ImportedOperation[], binding: Binding, dir: string, schema: GraphQLSchema): Imported[] {
  const problems: string[] = [];
  if (!PROCESSING_CODE.test(binding.purpose)) problems.push(`--purpose ${binding.purpose}: not a processing code (upper-case letters, digits and _)`);
  if (binding.clients.length === 0 || !binding.clients.every((c) => CLIENT_ID.test(c))) problems.push('--clients: one or more client ids, separated by commas');
  const planned: { file: string; name: string; id: string; content: string | null }[] = [];
  for (const op of operations) {
    const label = op.name || op.id;
    let document: DocumentNode;
    try {
      document = parse(op.body);
    } catch (e) {
      problems.push(`${label}: ${e instanceof GraphQLError ? e.message : String(e)}`);
      continue;
    }
    const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const name = ops.length === 1 ? ops[0].name?.value : undefined;
    if (!name) { problems.push(`${label}: must hold exactly one named operation`); continue; }
    if (op.name && op.name !== name) { problems.push(`${label}: the document's operation is ${name}`); continue; }
    const invalid = validate(schema, document).map((e) => `${name}: ${e.message}`);
    if (invalid.length > 0) { problems.push(...invalid); continue; }
    const file = fileNameOf(name);
    const content = fileContent(op, name, binding);
    if (!idsOfFile(content).includes(op.id)) { problems.push(`${name}: its id would not survive the reviewed file`); continue; }
    const path = join(dir, file);
    if (existsSync(path)) {
      // The same operation already reviewed: its file lists the tool's id already (e.g. a client's own export).
      if (!idsOfFile(readFileSync(path, 'utf8')).includes(op.id)) problems.push(`${name}: ${file} exists with another document`);
      else planned.push({ file, name, id: op.id, content: null });
      continue;
    }
    planned.push({ file, name, id: op.id, content });
  }
  if (problems.length > 0) throw new ImportRefused(problems);
  for (const p of planned) if (p.content !== null) writeFileSync(join(dir, p.file), p.content);
  return planned.map(({ file, name, id, content }) => ({ file, name, id, written: content !== null }));
}

export class ImportRefused extends Error {
  constructor(readonly problems: string[]) {
    super(`nothing imported:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

function fileContent(op: ImportedOperation, name: string, binding: Binding): string {
  return [
    `# Purpose: ${binding.purpose}`,
    `# Clients: ${binding.clients.join(', ')}`,
    `# Imported from a ${op.format} (id ${op.id}). The document stays as the tool wrote it, so that`,
    '# the id the tool sends stays the one the server computes from this file.',
    op.body,
    '',
  ].join('\n');
}

/** The ids the manifest lists for a file (src/persisted/formats/ids.ts). */
const idsOfFile = (content: string): string[] => {
  const document = normalise(content);
  return [sha256(document), clientPresetId(document)];
};
