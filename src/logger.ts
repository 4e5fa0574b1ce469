import { pino } from 'pino';

/** Application log. Never personal data: request bodies, variables and tokens are redacted. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  redact: {
    paths: ['req.headers.authorization', 'headers.authorization', 'variables', 'query', 'body', '*.token'],
    censor: '[redacted]',
  },
});
