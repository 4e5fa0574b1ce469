import { createHash } from 'node:crypto';
import { Kind, OperationTypeNode, getOperationAST, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Whether a request may write, known before it runs: a read-only request runs on read-only sessions
 * (src/db/orm.ts) and its log rows are committed apart from it (src/audit/group-commit.ts).
 * Mutations write, and so do the query fields the schema marks `extensions: { writes: true }`
 * (verifyAccessLog seals pending rows first). Documents are parsed under Apollo's token limit and
 * remembered, as Apollo does.
 *
 * Automatic persisted queries: a document sent with its hash is registered by Apollo, and later
 * requests send the hash alone. What each operation of such a document does is remembered by hash
 * here, so a mutation sent by hash still runs where it can write. A hash not (or no longer) known
 * here runs where it could write: a read there is only slower, while a write on a read-only session
 * would fail.
 */
/** What the log and the request path need to know of an operation before it runs. */
export interface OperationKind {
  writes: boolean;
  /** The operation's name, as the log shows it. */
  name: string | null;
  /** The persisted id, or the sha256 of the document sent. */
  id: string | null;
}

export class OperationKinds {
  private readonly known = new Map<string, boolean>();
  private readonly described = new Map<string, { name: string | null; id: string }>();
  /** By APQ hash: whether the document's only operation reads, and each named operation. */
  private readonly byHash = new Map<string, { only: boolean | null; named: Map<string, boolean> }>();

  constructor(
    /** Root query fields that write. */
    private readonly writingQueryFields: ReadonlySet<string>,
    private readonly maxTokens: number,
    private readonly capacity = 1_000,
  ) {}

  /**
   * True also when the document cannot be parsed or names no single operation: Apollo refuses it
   * unexecuted. `persistedHash` is the request's `extensions.persistedQuery.sha256Hash`, if any.
   */
  readOnly(query: unknown, operationName: unknown, persistedHash?: unknown): boolean {
    const name = typeof operationName === 'string' ? operationName : null;
    const hash = typeof persistedHash === 'string' ? persistedHash.toLowerCase() : null;
    if (typeof query !== 'string') {
      if (hash === null) return true;
      const kinds = this.byHash.get(hash);
      if (!kinds) return false;
      return (name === null ? kinds.only : kinds.named.get(name)) ?? true;
    }
    // Apollo registers a hash only when it is the document's (otherwise it refuses the request).
    if (hash !== null && !this.byHash.has(hash) && createHash('sha256').update(query).digest('hex') === hash) this.register(hash, query);
    const key = `${name ?? ''}\n${query}`;
    let readOnly = this.known.get(key);
    if (readOnly === undefined) {
      readOnly = this.parse(query, name);
      if (this.known.size >= this.capacity) this.known.clear();
      this.known.set(key, readOnly);
    }
    return readOnly;
  }

  /** Kind, name and id of the request's operation (a document, or an automatic persisted query's hash). */
  describe(body: { query?: unknown; operationName?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } }): OperationKind {
    const hash = body.extensions?.persistedQuery?.sha256Hash;
    const writes = !this.readOnly(body.query, body.operationName, hash);
    const given = typeof body.operationName === 'string' ? body.operationName : null;
    if (typeof body.query !== 'string') return { writes, name: given, id: typeof hash === 'string' ? hash.toLowerCase() : null };
    const key = `${given ?? ''}\n${body.query}`;
    let d = this.described.get(key);
    if (!d) {
      const document = this.document(body.query);
      const operation = document ? getOperationAST(document, given) : null;
      d = { name: given ?? operation?.name?.value ?? null, id: createHash('sha256').update(body.query).digest('hex') };
      if (this.described.size >= this.capacity) this.described.clear();
      this.described.set(key, d);
    }
    return { writes, ...d };
  }

  private register(hash: string, query: string): void {
    const document = this.document(query);
    if (!document) return;
    const named = new Map<string, boolean>();
    for (const d of document.definitions) {
      if (d.kind === Kind.OPERATION_DEFINITION && d.name) named.set(d.name.value, this.readOnly(query, d.name.value));
    }
    if (this.byHash.size >= this.capacity) this.byHash.clear();
    this.byHash.set(hash, { only: getOperationAST(document) ? this.readOnly(query, null) : null, named });
  }

  private document(query: string): DocumentNode | null {
    try {
      return parse(query, { maxTokens: this.maxTokens, noLocation: true });
    } catch {
      return null;
    }
  }

  private parse(query: string, name: string | null): boolean {
    const document = this.document(query);
    if (!document) return true;
    const operation = getOperationAST(document, name);
    if (!operation) return true;
    if (operation.operation !== OperationTypeNode.QUERY) return false;
    const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]));
    return !this.selectsWritingField(operation.selectionSet, fragments, new Set());
  }

  /** Root fields, through inline fragments and fragment spreads (each spread followed once). */
  private selectsWritingField(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): boolean {
    return set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return this.writingQueryFields.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return this.selectsWritingField(s.selectionSet, fragments, seen);
      const fragment = fragments.get(s.name.value);
      if (!fragment || seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return this.selectsWritingField(fragment.selectionSet, fragments, seen);
    });
  }
}

/** The root query fields marked `extensions: { writes: true }`. */
export function writingQueryFields(schema: { getQueryType(): { getFields(): Record<string, { extensions?: { writes?: unknown } }> } | null | undefined }): Set<string> {
  return new Set(Object.entries(schema.getQueryType()?.getFields() ?? {}).filter(([, f]) => f.extensions?.writes === true).map(([n]) => n));
}
