import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { Kind, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import './global-types.js';
import type { AuthzContext } from './context.js';
import { decideCategory, decideField, decideObject, decideOperation, notFound, type SubjectPerson } from './decide.js';
import { forbidden } from './errors.js';
import { Reason, type Decision } from './reasons.js';
import type { AuthorizeOption, GuardRowsOption, Targets } from './global-types.js';
import { checkedPerson } from './subject-person.js';

type Resolver = GraphQLFieldResolver<unknown, AuthzContext, object>;
type PersonOf = (parent: unknown) => SubjectPerson | null | undefined;
/** The options as the plugin runs them: their argument and context types were checked where the field declares them. */
type Authorize = AuthorizeOption<object, AuthzContext>;

const idOf = (o: unknown): string | null => {
  // Entities are keyed by a string id, or a code (processing records).
  const r = o as { id?: string | number; code?: string } | null;
  return r?.id != null ? String(r.id) : r?.code != null ? String(r.code) : null;
};

/** What a `target` callback returned, as a list (Array.isArray alone would type the items `any`). */
const asList = (targets: Targets): object[] => (targets == null ? [] : Array.isArray(targets) ? (targets as object[]) : [targets]);

const argAt = (args: object, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], args);
const argString = (args: object, path: string): string | null => {
  // The arguments named here are scalars (an id, a code).
  const v = argAt(args, path) as string | number | boolean | null | undefined;
  return v == null ? null : String(v);
};

/** What `authorize` loaded and decided, by the arguments object the resolver receives with it. */
const decidedTargets = new WeakMap<object, unknown>();

/**
 * The objects a field's `authorize.target` loaded, as they were decided: the resolver acts on these
 * rather than loading them again (which could also read a different row than was decided).
 */
export function authorizedTarget<T>(args: object): T {
  if (!decidedTargets.has(args)) throw new Error('authorizedTarget: the field has no decided target');
  return decidedTargets.get(args) as T;
}

/** Does the field's selection name the objects' `id` (directly, or under a connection's edges.node)? */
function selectsId(info: GraphQLResolveInfo): boolean {
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

/** The reason of a FORBIDDEN refusal a resolver threw, if it is one of the decision reasons. */
function refusalReason(e: unknown): Reason | null {
  const ext = (e as { extensions?: { code?: unknown; reason?: unknown } } | null)?.extensions;
  const reason = ext?.code === 'FORBIDDEN' ? ext.reason : null;
  return (Object.values(Reason) as unknown[]).includes(reason) ? reason as Reason : null;
}

interface Connection { edges: { cursor: string; node: unknown }[]; pageInfo: Record<string, unknown> }
const isConnection = (r: unknown): r is Connection => !!r && typeof r === 'object' && 'edges' in r;

/**
 * The one decision point (docs/architecture.md): wraps the resolver of every field that carries personal data
 * or guards an operation, asks the request's Access, and hands every decision to the request's
 * collector, so what is logged is exactly what was decided. Fields with nothing to decide are not
 * wrapped at all.
 */
export class AuthzPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const { categoryFrom } = fieldConfig.pothosOptions;
    if (categoryFrom) {
      const note = `Data category: the one named by \`${categoryFrom}\` beside it, decided for each value.`;
      return {
        ...fieldConfig,
        description: fieldConfig.description ? `${fieldConfig.description}\n\n${note}` : note,
        extensions: { ...fieldConfig.extensions, categoryFrom },
      };
    }
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

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const { category, categoryFrom, authorize, guardRows } = fieldConfig.pothosOptions;
    // The plugin is only registered with builders whose context is an AuthzContext (schema/builder.ts).
    let wrapped = resolver as Resolver;
    if (guardRows) wrapped = this.guardRows(wrapped, guardRows);
    if (authorize) wrapped = this.authorize(wrapped, authorize as unknown as Authorize, fieldConfig.name);
    if (category) wrapped = this.decideField(wrapped, () => category, fieldConfig);
    if (categoryFrom) wrapped = this.decideField(wrapped, (parent) => String((parent as Record<string, unknown>)[categoryFrom]), fieldConfig);
    return wrapped as GraphQLFieldResolver<unknown, Types['Context'], object>;
  }

  private decideField(resolver: Resolver, categoryOf: (parent: unknown) => string, fieldConfig: PothosOutputFieldConfig<Types>): Resolver {
    const field = fieldConfig.name;
    let subject: { type: string; objectOf: (parent: unknown) => object; personOf: PersonOf } | undefined;
    return (parent, args, ctx, info) => {
      // Known once the schema is built: a type may be decided as another subject (a report section as its person).
      subject ??= this.subjectOfType(fieldConfig.parentType);
      const object = subject.objectOf(parent);
      const category = categoryOf(parent);
      // Several fields of an object share a category: decided and logged once per (object, category).
      let read = ctx.authz.fieldDecisions.get(object, category);
      if (read) {
        read.fields.add(field);
      } else {
        const person = subject.personOf(object) ?? null;
        const decision = decideField(ctx.authz.access, 'read', subject.type, object, category, person);
        const fields = ctx.authz.collector.recordRead(decision, { subjectId: idOf(object), personId: person?.id ?? null, field });
        read = { decision, fields };
        ctx.authz.fieldDecisions.set(object, category, read);
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
      const personOf = config?.pothosOptions.personOf;
      found = personOf ? (parent: unknown) => checkedPerson(type, personOf(parent)) : () => null;
      this.personIdOfByType.set(type, personOf ? (parent: unknown) => personOf(parent)?.id ?? null : () => null);
      // While the schema is being built a type may not be known yet: only then is the answer kept open.
      if (config || this.built) this.personOfByType.set(type, found);
    }
    return found;
  }

  private readonly personOfByType = new Map<string, PersonOf>();
  private readonly personIdOfByType = new Map<string, (parent: unknown) => string | null>();

  /** Only the id of an object's person: for the log of what an act made, decided before it existed. */
  private personIdOf(type: string, obj: unknown): string | null {
    if (obj == null) return null;
    this.personOfType(type);
    return this.personIdOfByType.get(type)?.(obj) ?? null;
  }

  /** The subject a type's fields are decided on: itself, or what its `decidedAs` option names. */
  private subjectOfType(type: string): { type: string; objectOf: (parent: unknown) => object; personOf: PersonOf } {
    const config = this.buildCache.getTypeConfig(type) as { pothosOptions: { decidedAs?: { subject: string; object: (parent: unknown) => object } } };
    const as = config.pothosOptions.decidedAs;
    if (!as) return { type, objectOf: (p) => p as object, personOf: this.personOfType(type) };
    return { type: as.subject, objectOf: as.object, personOf: this.personOfType(as.subject) };
  }
  private built = false;

  override afterBuild(schema: GraphQLSchema): GraphQLSchema {
    this.built = true;
    return schema;
  }

  /**
   * A root or mutation field: first what the request itself may not do (no object is loaded, so a
   * refusal says nothing about existence), then every object the act touches (R4: both dossiers of
   * a merge, each person), then the act; granted decisions are logged once it is done.
   */
  private authorize(resolver: Resolver, option: Authorize, field: string): Resolver {
    const personOf = (o: unknown) => (o ? this.personOfType(option.subject)(o) ?? null : null);
    return async (parent, args, ctx, info) => {
      const { access, collector } = ctx.authz;
      const listed = option.categoriesArg ? argAt(args, option.categoriesArg) : undefined;
      const categories = option.category ? [option.category] : option.categories ?? (Array.isArray(listed) ? listed.map(String) : []);
      const argId = option.subjectArg ? argString(args, option.subjectArg) : null;
      const record = (d: Decision, subjectId: string | null, personId: string | null, recipient?: { id: string; category: string }) =>
        collector.record(d, { subjectId, personId, field, recipient }, option.logAs);

      const general = categories.length === 0
        ? [decideOperation(access, option.action, option.subject)]
        : categories.map((c) => decideCategory(access, option.action, option.subject, c));
      const refused = general.find((d) => !d.allowed);
      if (refused) {
        // The answer does not depend on the object; the log still names the person it exists for.
        const known = option.target ? await Promise.resolve(option.target(args, ctx)).catch(() => null) : null;
        const first = asList(known)[0] ?? null;
        for (const d of general) record(d, idOf(first) ?? argId, personOf(first)?.id ?? null);
        throw forbidden(refused, info);
      }

      const loaded = option.target ? await option.target(args, ctx) : null;
      if (option.target && loaded == null && option.hiddenTargetAs) {
        // Unknown reads like hidden, and both leave a row: probing for ids is visible to auditors.
        record(notFound(option.action, option.subject), argId, null);
        throw option.hiddenTargetAs(args);
      }
      const targets = asList(loaded).map((object) => {
        const person = personOf(object);
        const decisions = categories.length === 0
          ? general
          : categories.map((c) => decideField(access, option.action, option.subject, object, c, person));
        return { object, id: idOf(object), person, decisions };
      });
      const denied = targets.flatMap((t) => t.decisions).find((d) => !d.allowed);
      if (denied) {
        for (const t of targets) for (const d of t.decisions) record(d, t.id ?? argId, t.person?.id ?? null);
        if (option.hiddenTargetAs && denied.reason === Reason.ROW_CONDITION) throw option.hiddenTargetAs(args);
        throw forbidden(denied, info);
      }
      const recipient = option.recipient ? await option.recipient(args, ctx) : undefined;
      if (option.target) decidedTargets.set(args, loaded);
      let result: unknown;
      try {
        result = await resolver(parent, args, ctx, info);
      } catch (e) {
        // An act refused on a rule only the act itself can check (four eyes) is a denial like any other: logged.
        const reason = refusalReason(e);
        if (reason) {
          const denial = (d: Decision): Decision => ({ ...d, allowed: false, reason });
          if (targets.length > 0) for (const t of targets) for (const d of t.decisions) record(denial(d), t.id ?? argId, t.person?.id ?? null);
          else for (const d of general) record(denial(d), argId, null);
        }
        throw e;
      }
      // Granted acts are logged once done; one that made something new, against what it made.
      const made = () => (argId ? null : option.madeSubject ? option.madeSubject(result) : result);
      if (targets.length > 0) {
        for (const t of targets) {
          const subjectId = t.id ?? argId ?? idOf(made());
          for (const d of t.decisions) record(d, subjectId, t.person?.id ?? this.personIdOf(option.subject, made()), recipient);
        }
      } else {
        for (const d of general) record(d, argId ?? idOf(made()), this.personIdOf(option.subject, made()), recipient);
      }
      return result;
    };
  }

  /**
   * R13: rows were already filtered in SQL; this is the check that each root object may be shown at
   * all, and the log row of every object a list or lookup returns, even of one whose id alone is
   * selected. A purpose the request may not use is a property of the request, not of a person: it is
   * answered FORBIDDEN with its reason; only a row condition reads as not found.
   */
  private guardRows(resolver: Resolver, option: GuardRowsOption): Resolver {
    const action = option.action ?? 'read';
    const filters = Object.entries(option.filterCategories ?? {});
    return async (parent, args, ctx, info) => {
      const { access, collector } = ctx.authz;
      const field = info.fieldName;
      const general = decideObject(access, action, option.subject, null);
      if (!general.allowed) {
        collector.record(general, { subjectId: null, personId: null, field });
        throw forbidden(general, info);
      }
      // A filter on a category reads that category of every row it keeps (R13).
      const filtered = filters.filter(([path]) => argAt(args, path) != null).map(([path, category]) => ({ path, category }));
      for (const { path, category } of filtered) {
        const d = decideCategory(access, action, option.subject, category);
        if (!d.allowed) {
          collector.record(d, { subjectId: null, personId: null, field: `filter.${path}` });
          throw forbidden(d, info);
        }
      }
      // Each object returned is logged, its id among the fields read when the answer names it.
      const shown = selectsId(info) ? 'id' : undefined;
      const visible = (obj: unknown): boolean => {
        if (obj == null) return false;
        const person = this.personOfType(option.subject)(obj) ?? null;
        const target = { subjectId: idOf(obj), personId: person?.id ?? null };
        const d = decideObject(access, action, option.subject, obj);
        collector.record(d, { ...target, field: d.allowed ? shown : field });
        if (!d.allowed) return false;
        for (const f of filtered) {
          const read = decideField(access, action, option.subject, obj, f.category, person);
          collector.record(read, { ...target, field: `filter.${f.path}` });
          if (!read.allowed) return false;
        }
        return true;
      };
      const result = await resolver(parent, args, ctx, info);
      if (Array.isArray(result)) return (result as unknown[]).filter(visible);
      if (isConnection(result)) {
        const edges = result.edges.filter((e) => visible(e.node));
        // Cursors only from rows returned: a filtered-out row's id must not leave as a cursor.
        const pageInfo = { ...result.pageInfo, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null };
        return { ...result, edges, pageInfo };
      }
      return visible(result) ? result : null;
    };
  }
}

SchemaBuilder.registerPlugin('authz', AuthzPlugin);
