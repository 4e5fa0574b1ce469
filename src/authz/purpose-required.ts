import { GraphQLError, Kind, TypeInfo, visit, visitWithTypeInfo, type ASTNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/** The data categories an operation selects (through its fragments too), found once before execution. */
export function selectedCategories(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const found = new Set<string>();
  const queue: ASTNode[] = [operation];
  const queued = new Set<string>();
  for (let node = queue.pop(); node; node = queue.pop()) {
    const typeInfo = new TypeInfo(schema);
    visit(node, visitWithTypeInfo(typeInfo, {
      Field() {
        const category = typeInfo.getFieldDef()?.extensions?.category;
        if (typeof category === 'string') found.add(category);
      },
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !queued.has(spread.name.value)) {
          queued.add(spread.name.value);
          queue.push(fragment);
        }
      },
    }));
  }
  return [...found].sort();
}

/** R12: personal data are processed only for a declared purpose. */
export function purposeRequired(categories: string[]): GraphQLError {
  return new GraphQLError(`This operation reads personal data (${categories.join(', ')}); declare the purpose in the x-purpose header`, {
    extensions: { code: 'PURPOSE_REQUIRED', categories, http: { status: 400 } },
  });
}
