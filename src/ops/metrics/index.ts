/** Prometheus metrics of the API (docs/metrics.md): one file per concern, observed by one-line calls. */
export { registry, useMetrics, metricsEnabled } from './registry.js';
export { observeGraphQLRequest, nameOperation } from './requests.js';
export { countDecisions } from './decisions.js';
export { observeGroupCommit, countLogUnavailable, countSealed, countSealerFailure } from './access-log.js';
export { watchPools } from './pool.js';
export { watchSealLag } from './seal-lag.js';
export { metricsRoute, mainPortMetrics, metricsServer, type MetricsRoute, type MetricsSettings } from './route.js';
