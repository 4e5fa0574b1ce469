import { Kind, getOperationAST, parse, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

const cache = new Map<string, string[] | null>();
const CAPACITY = 1_000;

/**
 * The root fields a document's only operation selects (through fragments), or null when it cannot be
 * parsed or has several operations: a caller that routes by them then takes the cautious way.
 */
export function rootFields(query: string): string[] | null {
  let out = cache.get(query);
  if (out !== undefined) return out;
  out = parseRootFields(query);
  if (cache.size >= CAPACITY) cache.clear();
  cache.set(query, out);
  return out;
}

function parseRootFields(query: string): string[] | null {
  let document;
  try {
    document = parse(query, { noLocation: true, maxTokens: 10_000 });
  } catch {
    return null;
  }
  const operation = getOperationAST(document);
  if (!operation) return null;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
    .map((f) => [f.name.value, f]));
  const fields = new Set<string>();
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) fields.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet, seen);
      else if (!seen.has(s.name.value) && fragments.has(s.name.value)) {
        seen.add(s.name.value);
        visit(fragments.get(s.name.value)!.selectionSet, seen);
      }
    }
  };
  visit(operation.selectionSet, new Set());
  return [...fields];
}
