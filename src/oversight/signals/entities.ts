import { FlaggedPersonSchema } from './FlaggedPerson.js';
import { OversightFindingSchema } from './OversightFinding.js';
import { OversightDailySchema } from '../job/OversightDaily.js';
import { OversightProgressSchema } from '../job/OversightProgress.js';

/** The oversight job's tables: findings, the DPO's flags, daily aggregates and progress. */
export const oversightSignalEntities = [OversightFindingSchema, FlaggedPersonSchema, OversightDailySchema, OversightProgressSchema];
