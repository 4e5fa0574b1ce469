import { Counter, Histogram } from 'prom-client';
import { metricsEnabled, registry } from './registry.js';

const batchRows = new Histogram({
  name: 'ntk_access_log_group_commit_rows', help: 'Rows per group-commit batch of read requests\' access-log rows',
  buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000], registers: [registry],
});
const commitSeconds = new Histogram({
  name: 'ntk_access_log_group_commit_seconds', help: 'Time to write and commit one group-commit batch, failed ones included',
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
});
const unavailable = new Counter({
  name: 'ntk_audit_log_unavailable_total', help: 'Requests answered AUDIT_LOG_UNAVAILABLE: their log rows could not be written, no data left (R10)',
  registers: [registry],
});
const sealed = new Counter({ name: 'ntk_access_log_sealed_rows_total', help: 'Log rows sealed into the hash chain by this process', registers: [registry] });
const sealerFailures = new Counter({ name: 'ntk_access_log_sealer_failures_total', help: 'Sealer passes that failed (retried at the next interval)', registers: [registry] });

/** Times one group-commit batch; the batch's outcome is the caller's. */
export async function observeGroupCommit<R, T>(rows: readonly R[], write: (rows: readonly R[]) => Promise<T>): Promise<T> {
  if (!metricsEnabled()) return write(rows);
  const end = commitSeconds.startTimer();
  try {
    return await write(rows);
  } finally {
    end();
    batchRows.observe(rows.length);
  }
}

export function countLogUnavailable(): void {
  if (metricsEnabled()) unavailable.inc();
}

export function countSealed(rows: number): void {
  if (metricsEnabled() && rows > 0) sealed.inc(rows);
}

export function countSealerFailure(): void {
  if (metricsEnabled()) sealerFailures.inc();
}
