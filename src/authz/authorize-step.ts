import type { SchemaTypes } from '@pothos/core';
import { decideCategory, decideField, decideOperation, notFound } from './decide.js';
import { forbidden } from './errors.js';
import { Reason, type Decision } from './reasons.js';
import { refusalReason } from './refusal-reason.js';
import type { Authorize, Resolver } from './step-types.js';
import { argAt, argString, idOf } from './subject-ids.js';
import type { Subjects } from './subjects.js';
import { asList, rememberTargets } from './targets.js';

/**
 * A root or mutation field: first what the request itself may not do (no object is loaded, so a
 * refusal says nothing about existence), then every object the act touches (R4: both dossiers of
 * a merge, each person), then the act; granted decisions are logged once it is done.
 */
export function authorizeStep<Types extends SchemaTypes>(resolver: Resolver, option: Authorize, field: string, subjects: Subjects<Types>): Resolver {
  const personOf = (o: unknown) => (o ? subjects.personOf(option.subject)(o) ?? null : null);
  return async (parent, args, ctx, info) => {
    const { access, collector } = ctx.authz;
    const listed = option.categoriesArg ? argAt(args, option.categoriesArg) : undefined;
    const categories = option.category ? [option.category] : option.categories ?? (Array.isArray(listed) ? listed.map(String) : []);
    const argId = option.subjectArg ? argString(args, option.subjectArg) : null;
    const record = (d: Decision, subjectId: string | null, personId: string | null, recipient?: { id: string; category: string }) =>
      collector.record(d.allowed && option.grantedAs ? { ...d, reason: option.grantedAs } : d, { subjectId, personId, field, recipient }, option.logAs);

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
    if (option.target) rememberTargets(args, loaded);
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
        for (const d of t.decisions) record(d, subjectId, t.person?.id ?? subjects.personIdOf(option.subject, made()), recipient);
      }
    } else {
      for (const d of general) record(d, argId ?? idOf(made()), subjects.personIdOf(option.subject, made()), recipient);
    }
    return result;
  };
}
