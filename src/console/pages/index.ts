import type { ConsolePage } from './registry';
import { mePage } from './me';
import { accessLogPage } from './audit/access-log';
import { integrityPage } from './audit/integrity';
import { plotsPage } from './audit/plots';
import { oversightPage } from './audit/oversight';
import { rightsPage } from './dpo/rights';
import { breachesPage } from './dpo/breaches';
import { registerPage } from './dpo/register';
import { designationsPage } from './dpo/designations';
import { personPage } from './person/page';

/** Every page of the console, in navigation order. Add a page: one file in pages/, one line here. */
export const pages: ConsolePage[] = [
  mePage,
  accessLogPage,
  integrityPage,
  plotsPage,
  oversightPage,
  rightsPage,
  breachesPage,
  registerPage,
  designationsPage,
  personPage,
];
