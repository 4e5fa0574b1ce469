import { Migration20261123000000_initial } from './Migration20261123000000_initial.js';
import { Migration20261123000100_access_log_append_only } from './Migration20261123000100_access_log_append_only.js';
import { Migration20261123000200_access_log_chain } from './Migration20261123000200_access_log_chain.js';
import { Migration20261123000300_identification_and_disclosures } from './Migration20261123000300_identification_and_disclosures.js';
import { Migration20261123000400_dossier_changes } from './Migration20261123000400_dossier_changes.js';
import { Migration20261123000500_rights_and_breaches } from './Migration20261123000500_rights_and_breaches.js';
import { Migration20261123000600_retention_holds } from './Migration20261123000600_retention_holds.js';
import { Migration20261123000700_access_log_seals } from './Migration20261123000700_access_log_seals.js';
import { Migration20261123000800_access_log_yearly_partitions } from './Migration20261123000800_access_log_yearly_partitions.js';
import { Migration20261123000900_access_log_time_order } from './Migration20261123000900_access_log_time_order.js';
import { Migration20261204001400_app_role_login } from './Migration20261204001400_app_role_login.js';
import { Migration20261204001500_four_eyes } from './Migration20261204001500_four_eyes.js';
import { Migration20261205000100_access_log_database_time } from './Migration20261205000100_access_log_database_time.js';
import { Migration20261205002000_oversight_signals } from './Migration20261205002000_oversight_signals.js';
import { Migration20261205003000_review_cases } from './Migration20261205003000_review_cases.js';
import { Migration20261205003500_break_glass } from './Migration20261205003500_break_glass.js';

/** Applied in this order; a new migration is generated with `npm run migration:create` and added here. */
export const migrationsList = [
  { name: 'Migration20261123000000_initial', class: Migration20261123000000_initial },
  { name: 'Migration20261123000100_access_log_append_only', class: Migration20261123000100_access_log_append_only },
  { name: 'Migration20261123000200_access_log_chain', class: Migration20261123000200_access_log_chain },
  { name: 'Migration20261123000300_identification_and_disclosures', class: Migration20261123000300_identification_and_disclosures },
  { name: 'Migration20261123000400_dossier_changes', class: Migration20261123000400_dossier_changes },
  { name: 'Migration20261123000500_rights_and_breaches', class: Migration20261123000500_rights_and_breaches },
  { name: 'Migration20261123000600_retention_holds', class: Migration20261123000600_retention_holds },
  { name: 'Migration20261123000700_access_log_seals', class: Migration20261123000700_access_log_seals },
  { name: 'Migration20261123000800_access_log_yearly_partitions', class: Migration20261123000800_access_log_yearly_partitions },
  { name: 'Migration20261123000900_access_log_time_order', class: Migration20261123000900_access_log_time_order },
  { name: 'Migration20261204001400_app_role_login', class: Migration20261204001400_app_role_login },
  { name: 'Migration20261204001500_four_eyes', class: Migration20261204001500_four_eyes },
  { name: 'Migration20261205000100_access_log_database_time', class: Migration20261205000100_access_log_database_time },
  { name: 'Migration20261205002000_oversight_signals', class: Migration20261205002000_oversight_signals },
  { name: 'Migration20261205003000_review_cases', class: Migration20261205003000_review_cases },
  { name: 'Migration20261205003500_break_glass', class: Migration20261205003500_break_glass },
];
