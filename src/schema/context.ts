import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthzContext } from '../authz/context.js';
import type { Access } from '../authz/ability.js';
import type { Principal } from '../authz/principal.js';
import type { Policy } from '../authz/policy.js';
import type { RegisterEntry } from '../authz/principal.js';
import type { AuditSettings } from '../audit/settings.js';

/** The GraphQL context of one request. */
export interface GraphQLContext extends AuthzContext {
  requestId: string;
  em: EntityManager;
  principal: Principal;
  purpose: string | null;
  justification: string | null;
  record: RegisterEntry | null;
  policy: Policy;
  now: Date;
  /** Integrity services of the access log: the checkpoint signer, the public keys and MAC keys verification trusts. */
  audit: AuditSettings;
  /** The caller's access under another purpose (myRules). */
  accessFor(purpose: string): Promise<Access>;
}
