import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import type { GraphQLSchema } from 'graphql';
import type { AppSchemaTypes } from '../../src/schema/builder.js';
import { addTypes } from '../../src/schema/index.js';

/**
 * The bare server's schema: the API's own types and resolvers (`addTypes`, as buildSchema adds
 * them) on a builder with Relay and the id-argument checks but without the decision plugin
 * ('authz'). Row filter and column choice stay in SQL; no field is decided, nothing is logged.
 * The builder's options are createBuilder's (src/schema/builder.ts) but the plugin, so the
 * comparison is like for like.
 */
export function bareSchema(): GraphQLSchema {
  const builder = new SchemaBuilder<AppSchemaTypes>({
    plugins: [RelayPlugin, 'idArguments'],
    relay: { clientMutationId: 'omit', cursorType: 'String' },
  });
  builder.queryType({});
  builder.mutationType({});
  addTypes(builder);
  return builder.toSchema();
}
