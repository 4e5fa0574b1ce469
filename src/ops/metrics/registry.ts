import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The API's own Prometheus registry (not prom-client's global one, which libraries may fill): what
 * GET /metrics shows. Labels are bounded sets named in code or policy (operation names from the
 * manifest, outcomes, reasons, categories), never ids, justifications or values (docs/metrics.md).
 */
export const registry = new Registry();

/** Process metrics: CPU, memory, handles, and event-loop lag (nodejs_eventloop_lag_seconds and percentiles). */
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

let enabled = true;

/** METRICS_ENABLED: off, every observation returns at once (the bench measures the difference). */
export function useMetrics(on: boolean): void {
  enabled = on;
}

export const metricsEnabled = (): boolean => enabled;
