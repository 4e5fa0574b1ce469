import type { AccessLogEntry } from './AccessLogEntry.js';
import { errorCode } from '../db/error-code.js';
import { isDataError } from './health.js';
import { observeGroupCommit } from '../ops/metrics/index.js';

interface Waiting {
  entries: readonly AccessLogEntry[];
  done: () => void;
  failed: (e: unknown) => void;
}

/**
 * Group commit for the rows of read-only requests. A read wrote no data, so its rows need not share
 * its transaction: they only have to be committed before its answer leaves (fail-closed, R10). While
 * one INSERT is on its way, the rows of the requests answered meanwhile gather, and go together in
 * the next: one statement and one commit for many requests under load, none waiting for a timer when
 * idle. When a batch is refused for its content (a data error: one request's bad row), each request's
 * rows are written again alone, so only the offending request fails (issue 16, finding 7). When the
 * log itself fails (a timeout, a lost connection, a revoked privilege) every request of the batch
 * fails at once, and so do the requests that queued meanwhile: trying each again would only
 * multiply the wait, and a request's wait stays within about one write timeout (issue 16, finding 6).
 * A failed request answers no data.
 */
export class GroupCommit {
  private queue: Waiting[] = [];
  private writing = false;

  /** `flush` writes and commits rows in one statement (src/audit/writer.ts). */
  constructor(private readonly flush: (entries: readonly AccessLogEntry[]) => Promise<void>, private readonly maxRows = 5_000) {}

  /** Resolves once the rows are committed; rejects when they could not be written. */
  write(entries: readonly AccessLogEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((done, failed) => {
      this.queue.push({ entries, done, failed });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.take();
      try {
        await observeGroupCommit(batch.flatMap((w) => w.entries), this.flush);
        for (const w of batch) w.done();
      } catch (e) {
        if (isDataError(errorCode(e) ?? '')) {
          if (batch.length > 1) await this.oneByOne(batch);
          else batch[0].failed(e);
        } else {
          for (const w of [...batch, ...this.queue.splice(0)]) w.failed(e);
        }
      }
    }
    this.writing = false;
  }

  private async oneByOne(batch: readonly Waiting[]): Promise<void> {
    for (const w of batch) {
      try {
        await this.flush(w.entries);
        w.done();
      } catch (e) {
        w.failed(e);
      }
    }
  }

  /** The waiting requests up to maxRows rows (at least one request, however large). */
  private take(): Waiting[] {
    let rows = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || rows + this.queue[n].entries.length <= this.maxRows)) rows += this.queue[n++].entries.length;
    return this.queue.splice(0, n);
  }
}
