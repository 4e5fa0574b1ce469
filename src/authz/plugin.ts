import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import './global-types.js';
import type { AuthzContext } from './context.js';
import { decideCategory, decideField, decideObject, decideOperation, type SubjectPerson } from './decide.js';
import { forbidden } from './errors.js';
import type { AuthorizeOption, GuardRowsOption } from './global-types.js';

type Resolver = GraphQLFieldResolver<unknown, AuthzContext, object>;
// The plugin is only registered with builders whose context is an AuthzContext (schema/builder.ts).
type AnyResolver = GraphQLFieldResolver<unknown, any, object>;
type PersonOf = (parent: unknown) => SubjectPerson | null | undefined;

const idOf = (o: unknown): string | null => {
  const r = o as { id?: unknown; code?: unknown } | null;
  return r?.id != null ? String(r.id) : r?.code != null ? String(r.code) : null;
};

const argAt = (args: object, path: string): string | null => {
  const v = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], args);
  return v == null ? null : String(v);
};

/**
 * The one decision point (DESIGN.md): wraps the resolver of every field that carries personal data
 * or guards an operation, asks the request's Access, and hands every decision to the request's
 * collector, so what is logged is exactly what was decided. Fields with nothing to decide are not
 * wrapped at all.
 */
export class AuthzPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const category = fieldConfig.pothosOptions.category ?? fieldConfig.pothosOptions.authorize?.category;
    if (!category) return fieldConfig;
    const special = this.builder.options.authz?.specialCategories?.has(category) ? ', special category (R16)' : '';
    const note = `Data category: ${category}${special}.`;
    return {
      ...fieldConfig,
      description: fieldConfig.description ? `${fieldConfig.description}\n\n${note}` : note,
      extensions: { ...fieldConfig.extensions, category },
    };
  }

  override wrapResolve(resolver: AnyResolver, fieldConfig: PothosOutputFieldConfig<Types>): AnyResolver {
    const { category, authorize, guardRows } = fieldConfig.pothosOptions;
    let wrapped = resolver as Resolver;
    if (guardRows) wrapped = this.guardRows(wrapped, guardRows);
    if (authorize) wrapped = this.authorize(wrapped, authorize, fieldConfig.name);
    if (category) wrapped = this.decideField(wrapped, category, fieldConfig);
    return wrapped;
  }

  private decideField(resolver: Resolver, category: string, fieldConfig: PothosOutputFieldConfig<Types>): Resolver {
    const subjectType = fieldConfig.parentType;
    const typeOptions = this.buildCache.getTypeConfig(subjectType).pothosOptions as { personOf?: PersonOf };
    const personOf: PersonOf = typeOptions.personOf ?? (() => null);
    const field = fieldConfig.name;
    return (parent, args, ctx, info) => {
      const person = personOf(parent) ?? null;
      const d = decideField(ctx.authz.access, 'read', subjectType, parent as object, category, person);
      ctx.authz.collector.record(d, { subjectId: idOf(parent), personId: person?.id ?? null, field });
      if (!d.allowed) throw forbidden(d);
      return resolver(parent, args, ctx, info);
    };
  }

  private authorize(resolver: Resolver, option: AuthorizeOption, field: string): Resolver {
    return (parent, args, ctx, info) => {
      const access = ctx.authz.access;
      const d = option.category
        ? decideCategory(access, option.action, option.subject, option.category)
        : decideOperation(access, option.action, option.subject);
      const subjectId = option.subjectArg ? argAt(args, option.subjectArg) : null;
      ctx.authz.collector.record(d, { subjectId, personId: null, field }, option.logAs);
      if (!d.allowed) throw forbidden(d);
      return resolver(parent, args, ctx, info);
    };
  }

  /** R13: rows were already filtered in SQL; this is the check that a root object may be shown at all. */
  private guardRows(resolver: Resolver, option: GuardRowsOption): Resolver {
    const action = option.action ?? 'read';
    const personOf = (obj: unknown): string | null => {
      const typeOptions = this.buildCache.getTypeConfig(option.subject).pothosOptions as { personOf?: PersonOf };
      return typeOptions.personOf?.(obj)?.id ?? null;
    };
    const visible = (ctx: AuthzContext, obj: unknown, field: string): boolean => {
      if (obj == null) return false;
      const d = decideObject(ctx.authz.access, action, option.subject, obj as object);
      if (!d.allowed) ctx.authz.collector.record(d, { subjectId: idOf(obj), personId: personOf(obj), field });
      return d.allowed;
    };
    return async (parent, args, ctx, info) => {
      const result = await resolver(parent, args, ctx, info);
      const field = info.fieldName;
      if (Array.isArray(result)) return result.filter((o) => visible(ctx, o, field));
      if (result && typeof result === 'object' && 'edges' in result) {
        const conn = result as { edges: { node: unknown }[] };
        return { ...conn, edges: conn.edges.filter((e) => visible(ctx, e.node, field)) };
      }
      return visible(ctx, result, field) ? result : null;
    };
  }
}

SchemaBuilder.registerPlugin('authz', AuthzPlugin);
