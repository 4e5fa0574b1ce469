import { startTracing } from './start.js';

/**
 * Imported first by src/main.ts, so that the SDK patches http, pg and graphql before anything loads
 * them (ES modules are evaluated in import order). Off unless OTEL_* variables configure it.
 */
export const tracing = startTracing();
