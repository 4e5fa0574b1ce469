import type { SchemaTypes } from '@pothos/core';
import { decideCategory, decideField, decideObject } from './decide.js';
import { forbidden } from './errors.js';
import type { GuardRowsOption } from './global-types.js';
import { selectsId } from './selects-id.js';
import type { Resolver } from './step-types.js';
import { argAt, idOf } from './subject-ids.js';
import type { Subjects } from './subjects.js';

interface Connection { edges: { cursor: string; node: unknown }[]; pageInfo: Record<string, unknown> }
const isConnection = (r: unknown): r is Connection => !!r && typeof r === 'object' && 'edges' in r;

/**
 * R13: rows were already filtered in SQL; this is the check that each root object may be shown at
 * all, and the log row of every object a list or lookup returns, even of one whose id alone is
 * selected. A purpose the request may not use is a property of the request, not of a person: it is
 * answered FORBIDDEN with its reason; only a row condition reads as not found.
 */
export function guardRowsStep<Types extends SchemaTypes>(resolver: Resolver, option: GuardRowsOption, subjects: Subjects<Types>): Resolver {
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
      const person = subjects.personOf(option.subject)(obj) ?? null;
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
