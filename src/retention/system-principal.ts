import type { Principal } from '../authz/principal.js';

/** The retention job as a principal of the log: it erases, it reads nothing out. */
export const RETENTION_PRINCIPAL: Principal = {
  id: 'retention', kind: 'system', roles: [], institution: null, unit: 'retention-job',
  recipientCategory: 'internal:retention-job', designations: [], hasPledge: false,
};
