import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Does the field's selection name the objects' `id` (directly, or under a connection's edges.node)? */
export function selectsId(info: GraphQLResolveInfo): boolean {
  const names = (set: SelectionSetNode | undefined, path: string[]): boolean => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.INLINE_FRAGMENT && names(s.selectionSet, path)) return true;
      if (s.kind === Kind.FRAGMENT_SPREAD && names(info.fragments[s.name.value]?.selectionSet, path)) return true;
      if (s.kind !== Kind.FIELD) continue;
      if (path.length === 0 && s.name.value === 'id') return true;
      if (path.length > 0 && s.name.value === path[0] && names(s.selectionSet, path.slice(1))) return true;
    }
    return false;
  };
  return info.fieldNodes.some((n) => names(n.selectionSet, []) || names(n.selectionSet, ['edges', 'node']));
}
