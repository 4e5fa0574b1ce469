import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import '../authz/plugin.js';
import './id-arguments.js';
import type { GraphQLContext } from './context.js';

export interface BuilderOptions {
  /** Categories marked special (R16), shown in the printed schema. */
  specialCategories: Set<string>;
}

export interface AppSchemaTypes {
  Context: GraphQLContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
}

/** The builder's resolved types, for type references declared apart from the builder (refs.ts). */
export type AppTypes = PothosSchemaTypes.ExtendDefaultTypes<AppSchemaTypes>;

export function createBuilder({ specialCategories }: BuilderOptions) {
  const builder = new SchemaBuilder<AppSchemaTypes>({
    // Ids are checked before anything is decided: an unfit id never reaches a log row.
    plugins: [RelayPlugin, 'idArguments', 'authz'],
    authz: { specialCategories },
    relay: { clientMutationId: 'omit', cursorType: 'String' },
  });
  builder.queryType({});
  builder.mutationType({});
  return builder;
}

export type Builder = ReturnType<typeof createBuilder>;
