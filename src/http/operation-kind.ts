import { Kind, getOperationAST, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Whether a request may write, known before it runs: a read-only request runs on read-only sessions
 * (src/db/orm.ts) and its log rows are committed apart from it (src/audit/group-commit.ts).
 * Mutations write, and so do the query fields the schema marks `extensions: { writes: true }`
 * (verifyAccessLog seals pending rows first). Documents are parsed under Apollo's token limit and
 * remembered, as Apollo does.
 */
export class OperationKinds {
  private readonly known = new Map<string, boolean>();

  constructor(
    /** Root query fields that write. */
    private readonly writingQueryFields: ReadonlySet<string>,
    private readonly maxTokens: number,
    private readonly capacity = 1_000,
  ) {}

  /** True also when the document cannot be parsed or names no single operation: Apollo refuses it unexecuted. */
  readOnly(query: unknown, operationName: unknown): boolean {
    if (typeof query !== 'string') return true;
    const name = typeof operationName === 'string' ? operationName : null;
    const key = `${name ?? ''}\n${query}`;
    let readOnly = this.known.get(key);
    if (readOnly === undefined) {
      readOnly = this.parse(query, name);
      if (this.known.size >= this.capacity) this.known.clear();
      this.known.set(key, readOnly);
    }
    return readOnly;
  }

  private parse(query: string, name: string | null): boolean {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.maxTokens, noLocation: true });
    } catch {
      return true;
    }
    const operation = getOperationAST(document, name);
    if (!operation) return true;
    if (operation.operation !== 'query') return false;
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
