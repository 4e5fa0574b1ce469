import { glassWouldOpen } from './break-glass.js';
import { decideField, restrictionDenies } from './decide.js';
import { forbidden } from './errors.js';
import type { Resolver } from './step-types.js';
import type { DecidedSubject } from './subjects.js';
import { idOf } from './subject-ids.js';

/**
 * A field of personal data: decided for its object and category, logged, and answered `null` with
 * FORBIDDEN when denied. Several fields of an object share a category: decided and logged once per
 * (object, category), the others join its row.
 */
export function decideFieldStep(
  resolver: Resolver, field: string, categoryOf: (parent: unknown) => string, subjectOf: () => DecidedSubject,
): Resolver {
  let subject: DecidedSubject | undefined;
  return (parent, args, ctx, info) => {
    // Known once the schema is built: a type may be decided as another subject (a report section as its person).
    subject ??= subjectOf();
    const object = subject.objectOf(parent);
    const category = categoryOf(parent);
    let read = ctx.authz.fieldDecisions.get(object, category);
    if (read) {
      read.fields.add(field);
    } else {
      const person = subject.personOf(object) ?? null;
      const decision = decideField(ctx.authz.access, 'read', subject.type, object, category, person);
      const fields = ctx.authz.collector.recordRead(decision, { subjectId: idOf(object), personId: person?.id ?? null, field });
      const access = ctx.authz.access;
      const breakGlassAvailable = !decision.allowed && glassWouldOpen(access.glass, decision, person, () => restrictionDenies(access, category, person));
      read = { decision, fields, breakGlassAvailable };
      ctx.authz.fieldDecisions.set(object, category, read);
    }
    if (!read.decision.allowed) throw forbidden(read.decision, info, read.breakGlassAvailable);
    return resolver(parent, args, ctx, info);
  };
}
