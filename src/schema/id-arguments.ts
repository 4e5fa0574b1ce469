import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import {
  getNamedType, getNullableType, isInputObjectType, isListType, type GraphQLArgument, type GraphQLFieldResolver, type GraphQLInputType,
} from 'graphql';
import { badUserInput } from './errors.js';

/** Longest id accepted: far above any key of ours, far below what could bloat a log row. */
export const MAX_ID_LENGTH = 100;
// C0 and C1 controls, and lone surrogates: PostgreSQL text refuses NUL, and none belongs in an id.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const UNFIT = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a value cannot be an id, or null when it can. */
export function idProblem(value: string): string | null {
  if (value.length === 0 || value.length > MAX_ID_LENGTH) return `must be 1 to ${MAX_ID_LENGTH} characters`;
  if (UNFIT.test(value)) return 'must not contain control characters';
  return null;
}

type Check = (value: unknown, path: string) => void;

/** A check of every ID in a value of an input type, through lists and input objects. */
function checkOf(type: GraphQLInputType, seen = new Set<string>()): Check | null {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const item = checkOf(nullable.ofType, seen);
    return item && ((v, path) => { if (Array.isArray(v)) v.forEach((x, i) => item(x, `${path}[${i}]`)); });
  }
  const named = getNamedType(type);
  if (named.name === 'ID') {
    return (v, path) => {
      const id = v as string | null | undefined; // graphql-js coerces an ID to a string
      const problem = id == null ? null : idProblem(String(id));
      if (problem) throw badUserInput(path, problem);
    };
  }
  if (!isInputObjectType(named) || seen.has(named.name)) return null;
  seen.add(named.name);
  const fields = Object.values(named.getFields()).flatMap((f) => {
    const c = checkOf(f.type, seen);
    return c ? [[f.name, c] as const] : [];
  });
  seen.delete(named.name);
  if (fields.length === 0) return null;
  return (v, path) => {
    if (v == null || typeof v !== 'object') return;
    for (const [name, c] of fields) c((v as Record<string, unknown>)[name], `${path}.${name}`);
  };
}

function argumentsCheck(args: readonly GraphQLArgument[]): ((values: Record<string, unknown>) => void) | null {
  const checks = args.flatMap((a) => {
    const c = checkOf(a.type);
    return c ? [[a.name, c] as const] : [];
  });
  if (checks.length === 0) return null;
  return (values) => { for (const [name, c] of checks) c(values[name], name); };
}

type Resolver<Context> = GraphQLFieldResolver<unknown, Context, object>;

/**
 * Every ID argument, also inside input objects and lists, is 1 to 100 characters without control
 * characters, or the field answers BAD_USER_INPUT naming it before anything runs: ids reach SQL
 * and access-log rows, and one unfit value must not fail a log batch shared with others (R10).
 */
export class IdArgumentsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: Resolver<Types['Context']>, fieldConfig: PothosOutputFieldConfig<Types>): Resolver<Types['Context']> {
    if (Object.keys(fieldConfig.args).length === 0) return resolver;
    let check: ((values: Record<string, unknown>) => void) | null | undefined;
    return (parent, args, ctx, info) => {
      // The field's argument types are known once the schema is built: found at its first call.
      if (check === undefined) check = argumentsCheck(info.parentType.getFields()[info.fieldName].args);
      check?.(args as Record<string, unknown>);
      return resolver(parent, args, ctx, info);
    };
  }
}

SchemaBuilder.registerPlugin('idArguments', IdArgumentsPlugin);

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      idArguments: IdArgumentsPlugin<Types>;
    }
  }
}
