import type { Access } from './ability.js';
import type { DecisionCollector } from '../audit/collector.js';
import type { FieldDecisions } from './field-decisions.js';

/** What the authorization plugin needs from the GraphQL context of a request. */
export interface AuthzContext {
  authz: {
    access: Access;
    collector: DecisionCollector;
    fieldDecisions: FieldDecisions;
  };
}
