import { AccessLogEntrySchema } from './AccessLogEntry.js';
import { AccessLogCheckpointSchema, AccessLogSealSchema } from './AccessLogChain.js';

export const auditEntities = [AccessLogEntrySchema, AccessLogSealSchema, AccessLogCheckpointSchema];
