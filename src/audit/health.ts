import { errorCode } from '../db/error-code.js';

/**
 * Whether the access log can be written, as the last write found it (issue 16, finding 6): /readyz
 * reports a process whose last log write failed for a cause of the log's own (a lock or statement
 * timeout, a lost connection, a revoked privilege, a full disk) as not ready, until a write succeeds.
 * A row refused for its content (a data error) says nothing about the log's health.
 */
export class LogHealth {
  private lastFailure: { at: Date; code: string } | null = null;

  written(): void {
    this.lastFailure = null;
  }

  failed(e: unknown): void {
    const code = errorCode(e) ?? '';
    if (!isDataError(code)) this.lastFailure = { at: new Date(), code: code || 'connection' };
  }

  /** The failure that makes the log unhealthy, if any. */
  get failure(): { at: Date; code: string } | null {
    return this.lastFailure;
  }
}

/** SQLSTATE classes of the rows themselves: data exceptions, integrity constraints, syntax; and a transaction already aborted. */
export function isDataError(code: string): boolean {
  // 42501 (insufficient privilege) is of class 42 but the log's own: a revoked INSERT.
  if (code === '42501') return false;
  return code.startsWith('22') || code.startsWith('23') || code.startsWith('42') || code === '25P02' || code === 'UNLOGGABLE_ROW';
}

/** The process's log health (the writer records, /readyz reads). */
export const logHealth = new LogHealth();
