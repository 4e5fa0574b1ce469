import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import type { Policy } from '../authz/policy.js';
import { createBuilder, type Builder } from './builder.js';
import { addScalars } from './scalars.js';
import { addPersonTypes } from './types/person.js';
import { addDossierTypes } from './types/dossier.js';
import { addAccessLogTypes } from './types/access-log.js';
import { addAccessLogIntegrity } from './types/access-log-integrity.js';
import { addRegisterTypes } from './types/register.js';
import { addStaffTypes } from './types/staff.js';
import { addIdentificationTypes } from './types/identification.js';
import { addDisclosureTypes } from './types/disclosure.js';
import { addDossierChangeTypes } from './types/dossier-changes.js';
import { addLegalHoldTypes } from './types/legal-hold.js';
import { addRightsTypes } from './types/rights.js';
import { addRestrictionTypes } from './types/restriction.js';
import { addBreachTypes } from './types/breach.js';
import { addRegisterExportTypes } from './types/register-export.js';
import { addBreakGlassTypes } from './types/break-glass.js';
import { addOversightFindingTypes } from './types/oversight-findings.js';
import { addReviewCaseTypes } from './types/review-cases.js';

/** Builds the executable schema; categories come from the policy so the SDL shows which are special. */
export function buildSchema(policy: Policy): GraphQLSchema {
  const special = new Set([...policy.categories.values()].filter((c) => c.special).map((c) => c.name));
  const builder = createBuilder({ specialCategories: special });
  addTypes(builder);
  return builder.toSchema();
}

/**
 * Adds every type and root field of the API to a builder whose Query and Mutation types are
 * declared. buildSchema gives it the builder with the decision plugin; on a builder without that
 * plugin the same resolvers keep their row filters and column choice, but no field is decided and
 * nothing is logged, so such a schema must never serve personal data.
 */
export function addTypes(builder: Builder): void {
  addScalars(builder);
  addPersonTypes(builder);
  addDossierTypes(builder);
  const { Filter } = addAccessLogTypes(builder);
  addAccessLogIntegrity(builder, Filter);
  addRegisterTypes(builder);
  addStaffTypes(builder);
  addIdentificationTypes(builder);
  addDisclosureTypes(builder);
  addDossierChangeTypes(builder);
  addLegalHoldTypes(builder);
  addRightsTypes(builder);
  addRestrictionTypes(builder);
  addBreachTypes(builder);
  addRegisterExportTypes(builder);
  addBreakGlassTypes(builder);
  addOversightFindingTypes(builder);
  addReviewCaseTypes(builder);
}

/** The committed SDL (schema/schema.graphql): sorted, so a diff shows only real changes. */
export function printSchemaSdl(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
