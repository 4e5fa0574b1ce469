import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { AccessLogEntry } from './AccessLogEntry.js';
import { writeEntries } from './writer.js';

interface Waiting {
  entries: readonly AccessLogEntry[];
  done: () => void;
  failed: (e: unknown) => void;
}

/** Where a read request's rows go; resolves once they are committed. Builds them (hashing) when it takes them. */
export interface ReadLog {
  write(build: () => readonly AccessLogEntry[]): Promise<void>;
}

/**
 * Group commit for the rows of read-only requests. A read wrote no data, so its rows need not share
 * its transaction: they only have to be committed before its answer leaves (fail-closed, R10). While
 * one INSERT is on its way, the rows of the requests answered meanwhile gather, and go together in
 * the next: one statement and one commit for many requests under load, none waiting for a timer when
 * idle. A failed write fails every request of its batch; none of them answers with data.
 */
export class LogBatcher implements ReadLog {
  private queue: Waiting[] = [];
  private writing = false;

  /** Used for its connection only (no entities, no transaction): one for all batches. */
  private readonly em: EntityManager;

  constructor(orm: MikroORM, private readonly maxRows = 5_000) {
    this.em = orm.em.fork();
  }

  /** Resolves once the rows are committed; rejects when they could not be written. */
  write(build: () => readonly AccessLogEntry[]): Promise<void> {
    const entries = build();
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
        await writeEntries(this.em, batch.flatMap((w) => w.entries));
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
