import type { Server, ServerResponse } from 'node:http';

/**
 * The server's requests in flight, and its drain on shutdown: stop accepting connections, let every
 * request already received finish with its answer, close each kept-alive connection once it has
 * answered (`connection: close`) or is idle, and only then report the server drained. Node's own
 * `server.close()` also closes idle connections at once, which resets a request whose bytes
 * arrived but were not read yet; here idle connections are closed only once no request is in flight.
 */
export class ServerDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private idle: (() => void)[] = [];
  private drainingSince: number | null = null;

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /** Counts a request until its answer ends or its connection closes. */
  track(res: ServerResponse): void {
    this.inFlight.add(res);
    if (this.draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      this.inFlight.delete(res);
      if (this.inFlight.size === 0) for (const wake of this.idle.splice(0)) wake();
    });
  }

  /**
   * Resolves once every request has its answer and every connection is closed, or at the deadline,
   * when the connections left are cut (`forced`: the requests still running got no answer).
   */
  async drain(server: Server, deadlineMs: number): Promise<{ forced: boolean }> {
    if (this.drainingSince === null) this.drainingSince = Date.now();
    for (const res of this.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    const closed = new Promise<void>((resolve) => this.stopListening(server, resolve));
    const deadline = this.drainingSince + deadlineMs;
    let forced = false;
    let over = false;
    closed.then(() => { over = true; }, () => undefined);
    while (!over) {
      const left = deadline - Date.now();
      if (left <= 0) {
        forced = this.inFlight.size > 0;
        server.closeAllConnections();
        break;
      }
      await Promise.race([this.noneInFlight(), closed, sleep(left)]);
      // A request whose bytes arrived but were not read yet leaves its connection looking idle: close
      // idle connections only after a quiet moment with nothing in flight, and loop until all are closed.
      await Promise.race([closed, sleep(Math.min(QUIET_MS, Math.max(0, deadline - Date.now())))]);
      if (this.inFlight.size === 0) server.closeIdleConnections();
    }
    await closed;
    return { forced };
  }

  private stopListening(server: Server, closed: () => void): void {
    if (!server.listening) {
      closed();
      return;
    }
    // http.Server#close closes idle connections before it stops listening; keep them until no request is in flight.
    server.closeIdleConnections = () => undefined;
    try {
      server.close(() => closed());
    } finally {
      // Back to http.Server's own method.
      delete (server as Partial<Pick<Server, 'closeIdleConnections'>>).closeIdleConnections;
    }
  }

  private noneInFlight(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}

/** Nothing in flight for this long: the connections still idle get closed. */
const QUIET_MS = 250;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
