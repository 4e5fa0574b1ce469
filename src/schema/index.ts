import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import type { Policy } from '../authz/policy.js';
import { createBuilder } from './builder.js';
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

/** Builds the executable schema; categories come from the policy so the SDL shows which are special. */
export function buildSchema(policy: Policy, options: { decisions?: boolean } = {}): GraphQLSchema {
  const special = new Set([...policy.categories.values()].filter((c) => c.special).map((c) => c.name));
  const builder = createBuilder({ specialCategories: special, decisions: options.decisions });
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
  return builder.toSchema();
}

/** The committed SDL (schema/schema.graphql): sorted, so a diff shows only real changes. */
export function printSchemaSdl(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
