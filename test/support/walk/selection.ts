import {
  Lexer, Source, TokenKind, getNamedType, isInterfaceType, isLeafType, isUnionType, isNonNullType,
  type GraphQLField, type GraphQLNamedType, type GraphQLObjectType,
} from 'graphql';

/** A selection: a field name with its arguments and sub-selections (none for a leaf). */
export interface Selection {
  name: string;
  args: string;
  children: Selection[];
}

export interface WalkOptions {
  /** How many times one type may appear on a path from the root (2: a dossier's mergedInto is walked). */
  repeat: number;
  maxDepth: number;
}

/** Arguments a nested field gets: small pages, so a walk stays far under the cost limit. */
function nestedArgs(field: GraphQLField<unknown, unknown>): string | null {
  const parts: string[] = [];
  for (const a of field.args) {
    if (a.name === 'first') parts.push('first: 2');
    else if (isNonNullType(a.type) && a.defaultValue === undefined) return null;
  }
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

/**
 * Every field of a type, recursively: leaves, and objects up to the depth and repetition limits.
 * Fields with required arguments below the root cannot be walked: they are returned in `skipped`
 * so the test can insist that none carries personal data unseen.
 */
export function selectAll(type: GraphQLNamedType, o: WalkOptions, skipped: string[], path: string[] = [], depth = 0): Selection[] {
  if (isLeafType(type)) return [];
  if (isUnionType(type) || isInterfaceType(type)) throw new Error(`coverage walk: ${type.name} is abstract; add inline fragments to the walk`);
  const object = type as GraphQLObjectType;
  const seen = path.filter((t) => t === object.name).length;
  if (seen >= o.repeat || depth >= o.maxDepth) return [];
  const out: Selection[] = [];
  for (const field of Object.values(object.getFields())) {
    const args = nestedArgs(field);
    if (args === null) {
      skipped.push(`${object.name}.${field.name}`);
      continue;
    }
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      out.push({ name: field.name, args, children: [] });
      continue;
    }
    const children = selectAll(named, o, skipped, [...path, object.name], depth + 1);
    if (children.length > 0) out.push({ name: field.name, args, children });
  }
  return out;
}

export function print(s: Selection): string {
  return s.children.length === 0 ? `${s.name}${s.args}` : `${s.name}${s.args} { ${s.children.map(print).join(' ')} }`;
}

/** Tokens of a document as graphql-js counts them for its token limit. */
export function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

/**
 * One selection split into several that each fit `fits`: the children of an over-large node are
 * split in halves, recursively; every leaf of the original is in exactly one of the parts.
 */
export function splitToFit(s: Selection, fits: (s: Selection) => boolean): Selection[] {
  if (fits(s) || s.children.length === 0) return [s];
  if (s.children.length === 1) return splitToFit(s.children[0], (c) => fits({ ...s, children: [c] })).map((c) => ({ ...s, children: [c] }));
  const half = Math.ceil(s.children.length / 2);
  return [s.children.slice(0, half), s.children.slice(half)].flatMap((children) => splitToFit({ ...s, children }, fits));
}
