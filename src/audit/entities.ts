import { AccessLogEntrySchema } from './AccessLogEntry.js';

export const auditEntities = [AccessLogEntrySchema];
