import type { FieldNullability, InputFieldMap, SchemaTypes, TypeParam } from '@pothos/core';
import type { AuthzPlugin } from './plugin.js';
import type { SubjectPerson } from './decide.js';
import type { AccessAction } from '../audit/AccessLogEntry.js';

/** A gate on a root or mutation field, decided before its resolver runs. */
export interface AuthorizeOption {
  action: string;
  subject: string;
  /** Personal-data category the field returns or writes; without one, an administrative operation. */
  category?: string;
  /** Several categories written at once (a registration), each decided. */
  categories?: string[];
  /** Argument holding a list of categories, each decided (a disclosure of chosen categories). */
  categoriesArg?: string;
  /** The subject a create made, from the field's result, when the result is not the subject itself. */
  madeSubject?: (result: any) => object | null;
  /** Who receives the data when it is not the caller: a disclosure to a third party (R17). */
  recipient?: (args: any, ctx: any) => Promise<{ id: string; category: string }>;
  /**
   * The object acted on, for row conditions, restriction and the log: an entity loaded by the
   * arguments, or a plain object describing what a create would make.
   */
  target?: (args: any, ctx: any) => Promise<object | null> | object | null;
  /**
   * The error a target the principal may not see at all (a row condition) is answered with: the
   * one an unknown id gets, so existence does not leak. The denial is logged with its reason.
   */
  hiddenTargetAs?: (args: any) => Error;
  /** How the access log names what the field does (collect, alter, combine, erase ...). */
  logAs?: AccessAction;
  /** Argument naming the object acted on, for the log (`code`, `input.code`). */
  subjectArg?: string;
}

/** Root fields returning personal-data objects: objects the principal may not see read as not found. */
export interface GuardRowsOption {
  subject: string;
  action?: string;
}

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
      /** Data category of the personal data this field returns (policies/categories.yaml). */
      category?: string;
      authorize?: AuthorizeOption;
      guardRows?: GuardRowsOption;
    }
  }
}
