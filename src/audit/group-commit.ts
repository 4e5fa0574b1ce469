import type { AccessLogEntry } from './AccessLogEntry.js';

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
 * idle. A failed write fails every request of its batch; none of them answers with data.
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
        await this.flush(batch.flatMap((w) => w.entries));
        for (const w of batch) w.done();
      } catch (e) {
        for (const w of batch) w.failed(e);
      }
    }
    this.writing = false;
  }

  /** The waiting requests up to maxRows rows (at least one request, however large). */
  private take(): Waiting[] {
    let rows = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || rows + this.queue[n].entries.length <= this.maxRows)) rows += this.queue[n++].entries.length;
    return this.queue.splice(0, n);
  }
}
