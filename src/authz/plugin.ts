import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import './global-types.js';
import type { AuthzContext } from './context.js';
import { decideCategory, decideField, decideObject, decideOperation, type SubjectPerson } from './decide.js';
import { forbidden } from './errors.js';
import { Reason } from './reasons.js';
import type { AuthorizeOption, GuardRowsOption } from './global-types.js';

type Resolver = GraphQLFieldResolver<unknown, AuthzContext, object>;
// The plugin is only registered with builders whose context is an AuthzContext (schema/builder.ts).
type AnyResolver = GraphQLFieldResolver<unknown, any, object>;
type PersonOf = (parent: unknown) => SubjectPerson | null | undefined;

const idOf = (o: unknown): string | null => {
  const r = o as { id?: unknown; code?: unknown } | null;
  return r?.id != null ? String(r.id) : r?.code != null ? String(r.code) : null;
};

const argAt = (args: object, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], args);
const argString = (args: object, path: string): string | null => {
  const v = argAt(args, path);
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
    const personOf = this.personOfType(subjectType);
    const field = fieldConfig.name;
    return (parent, args, ctx, info) => {
      // Several fields of an object share a category: decided and logged once per (object, category).
      let read = ctx.authz.fieldDecisions.get(parent as object, category);
      if (read) {
        read.fields.add(field);
      } else {
        const person = personOf(parent) ?? null;
        const decision = decideField(ctx.authz.access, 'read', subjectType, parent as object, category, person);
        const fields = ctx.authz.collector.recordRead(decision, { subjectId: idOf(parent), personId: person?.id ?? null, field });
        read = { decision, fields };
        ctx.authz.fieldDecisions.set(parent as object, category, read);
      }
      if (!read.decision.allowed) throw forbidden(read.decision, info);
      return resolver(parent, args, ctx, info);
    };
  }

  /**
   * The `personOf` option of an object type; subjects that are not GraphQL types (AccessLog) have
   * none. Looked up once per type: for those, the lookup throws, and an error per request costs.
   */
  private personOfType(type: string): PersonOf {
    let found = this.personOfByType.get(type);
    if (!found) {
      let config: { pothosOptions: { personOf?: PersonOf } } | undefined;
      try {
        config = this.buildCache.getTypeConfig(type) as typeof config;
      } catch {
        config = undefined;
      }
      found = config?.pothosOptions.personOf ?? (() => null);
      // While the schema is being built a type may not be known yet: only then is the answer kept open.
      if (config || this.built) this.personOfByType.set(type, found);
    }
    return found;
  }

  private readonly personOfByType = new Map<string, PersonOf>();
  private built = false;

  override afterBuild(schema: GraphQLSchema): GraphQLSchema {
    this.built = true;
    return schema;
  }

  private authorize(resolver: Resolver, option: AuthorizeOption, field: string): Resolver {
    const personOf = (o: unknown) => (o ? this.personOfType(option.subject)(o) ?? null : null);
    return async (parent, args, ctx, info) => {
      const access = ctx.authz.access;
      const target = option.target ? await option.target(args, ctx) : null;
      const listed = option.categoriesArg ? argAt(args, option.categoriesArg) : undefined;
      const categories = option.category ? [option.category] : option.categories ?? (Array.isArray(listed) ? listed.map(String) : []);
      const person = personOf(target);
      const decisions = categories.length === 0
        ? [decideOperation(access, option.action, option.subject)]
        : categories.map((c) => (target
          ? decideField(access, option.action, option.subject, target, c, person)
          : decideCategory(access, option.action, option.subject, c)));
      const targetId = idOf(target) ?? (option.subjectArg ? argString(args, option.subjectArg) : null);
      const denied = decisions.find((d) => !d.allowed);
      if (denied) {
        for (const d of decisions) ctx.authz.collector.record(d, { subjectId: targetId, personId: person?.id ?? null, field }, option.logAs);
        if (target && option.hiddenTargetAs && denied.reason === Reason.ROW_CONDITION) throw option.hiddenTargetAs(args);
        throw forbidden(denied, info);
      }
      const recipient = option.recipient ? await option.recipient(args, ctx) : undefined;
      const result = await resolver(parent, args, ctx, info);
      // Granted acts are logged once done, against what they produced when they made something new.
      const made = targetId ? null : option.madeSubject ? option.madeSubject(result) : result;
      const subjectId = targetId ?? idOf(made);
      const personId = person?.id ?? personOf(made)?.id ?? null;
      for (const d of decisions) ctx.authz.collector.record(d, { subjectId, personId, field, recipient }, option.logAs);
      return result;
    };
  }

  /** R13: rows were already filtered in SQL; this is the check that a root object may be shown at all. */
  private guardRows(resolver: Resolver, option: GuardRowsOption): Resolver {
    const action = option.action ?? 'read';
    const personOf = (obj: unknown): string | null => this.personOfType(option.subject)(obj)?.id ?? null;
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
