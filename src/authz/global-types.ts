import type { FieldNullability, InputFieldMap, InputShapeFromFields, SchemaTypes, TypeParam } from '@pothos/core';
import type { AuthzPlugin } from './plugin.js';
import type { SubjectPerson } from './decide.js';
import type { AccessAction } from '../audit/AccessLogEntry.js';
import type { Category, SubjectType } from './policy-types.js';
import type { Reason } from './reasons.js';

/** What an `authorize` callback may return as the objects acted on (see `target`). */
export type Targets = object | object[] | null;

/**
 * A gate on a root or mutation field, decided before its resolver runs. Typed by the field: `Args`
 * is the shape of its arguments and `Context` the request's, so callbacks infer theirs.
 */
export interface AuthorizeOption<Args = Record<string, unknown>, Context = object, Result = unknown> {
  action: string;
  subject: SubjectType;
  /** Personal-data category the field returns or writes; without one, an administrative operation. */
  category?: Category;
  /** Several categories written at once (a registration), each decided. */
  categories?: readonly Category[];
  /** Argument holding a list of categories, each decided (a disclosure of chosen categories). */
  categoriesArg?: string;
  /** The subject a create made, from the field's result, when the result is not the subject itself. */
  madeSubject?: (result: Result) => object | null;
  /** Who receives the data when it is not the caller: a disclosure to a third party (R17). */
  recipient?: (args: Args, ctx: Context) => Promise<{ id: string; category: string }>;
  /**
   * The objects acted on, for row conditions, restriction and the log: an entity loaded by the
   * arguments, a plain object describing what a create would make, or every object the act touches
   * (both dossiers of a merge); each is decided, and any denial refuses the act. Null: not found.
   * The resolver gets what was loaded and decided with `authorizedTarget(args)`, not a second load.
   */
  target?: (args: Args, ctx: Context) => Promise<Targets> | Targets;
  /**
   * The error a target the principal may not see at all (a row condition) is answered with: the
   * one an unknown id gets, so existence does not leak. The denial is logged with its reason.
   */
  hiddenTargetAs?: (args: Args) => Error;
  /** How the access log names what the field does (collect, alter, combine, erase ...). */
  logAs?: AccessAction;
  /** The reason a granted act's rows carry: BREAK_GLASS marks the start of an emergency access (issue 20). */
  grantedAs?: typeof Reason.BREAK_GLASS;
  /** Argument naming the object acted on, for the log (`code`, `input.code`). */
  subjectArg?: string;
}

/** Root fields returning personal-data objects: objects the principal may not see read as not found. */
export interface GuardRowsOption {
  subject: SubjectType;
  action?: string;
  /** Filter arguments that read a category (argument path → category): each row kept is a read of it. */
  filterCategories?: Record<string, Category>;
}

// Declaration merging: the type parameters repeat Pothos' own, used or not.
/* eslint-disable @typescript-eslint/no-unused-vars */
declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      authz: AuthzPlugin<Types>;
    }
    interface SchemaBuilderOptions<Types extends SchemaTypes> {
      authz?: { specialCategories?: Set<string> };
    }
    interface ObjectTypeOptions<Types extends SchemaTypes, Shape> {
      /** Set on types only reachable through a categorised field of their owner (a placement of a person). */
      partOf?: string;
      /** The data subject an object of this type is about (restriction, log's person concerned). */
      personOf?: (parent: Shape) => SubjectPerson | null | undefined;
      /**
       * Decide this type's fields as another subject (a report section as the person it quotes), so
       * the same grants, row conditions and restriction apply as to that subject's own fields.
       */
      decidedAs?: { subject: SubjectType; object: (parent: Shape) => object };
    }
    interface FieldOptions<
      Types extends SchemaTypes,
      ParentShape,
      Type extends TypeParam<Types>,
      Nullable extends FieldNullability<Type>,
      Args extends InputFieldMap,
      ResolveShape,
      ResolveReturnShape,
    > {
      /** Data category of the personal data this field returns (policies/categories.yaml; a typo is a type error). */
      category?: Category;
      /** A value whose category is named by a property of its parent (a section of a report), decided per value. */
      categoryFrom?: string;
      authorize?: AuthorizeOption<InputShapeFromFields<Args>, Types['Context'], ResolveReturnShape>;
      guardRows?: GuardRowsOption;
    }
  }
}
/* eslint-enable @typescript-eslint/no-unused-vars */
