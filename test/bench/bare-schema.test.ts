import { isObjectType, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { bareSchema } from '../../bench/api/bare-schema.js';
import { defaultPolicyDir, loadPolicy } from '../../src/authz/policy.js';
import { buildSchema } from '../../src/schema/index.js';

/** The SDL without descriptions: what a client can ask, whatever the docs say. */
const shape = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema))
  .replace(/^[ \t]*"""[\s\S]*?"""\n/gm, '').replace(/^\s*"[^"\n]*"\n/gm, '').replace(/^\s*\n/gm, '');

/**
 * The bench compares ours with a bare server built from the public addTypes (no bench-only path
 * in src/): the comparison is fair only if bare serves exactly our schema with nothing decided.
 */
describe('the bench\'s bare schema', () => {
  const ours = buildSchema(loadPolicy(defaultPolicyDir));
  const bare = bareSchema();

  test('has the same types, fields and arguments as ours', () => {
    expect(shape(bare)).toEqual(shape(ours));
  });

  test('decides nothing: no field carries a data category, where ours has them on Person', () => {
    const categorised = (schema: GraphQLSchema) => Object.values(schema.getTypeMap()).filter(isObjectType)
      .flatMap((t) => Object.values(t.getFields())).filter((f) => f.extensions?.category !== undefined).length;
    expect(categorised(ours)).toBeGreaterThan(10);
    expect(categorised(bare)).toBe(0);
  });
});
