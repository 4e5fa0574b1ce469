import { AccessLogEntrySchema } from './AccessLogEntry.js';
import { AccessLogChainLinkSchema, AccessLogCheckpointSchema, AccessLogPendingSchema } from './AccessLogChain.js';

export const auditEntities = [AccessLogEntrySchema, AccessLogChainLinkSchema, AccessLogPendingSchema, AccessLogCheckpointSchema];
