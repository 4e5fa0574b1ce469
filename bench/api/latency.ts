import { jsonClient, type Request } from '../lib/http.js';
import { BenchFailed, turnOrder } from '../lib/runner.js';
import type { BenchServer } from '../lib/server.js';
import { median } from '../lib/stats.js';

export const LATENCY = { warmup: 50, measured: 400 } as const;

export interface Latency {
  name: string;
  p50ms: number;
  /** p50 of this server's request minus bare's request of the same turn: what its layer adds to one answer. */
  addedP50ms: number;
}

/**
 * One request at a time, the servers taking turns request by request (each turn in a rotated
 * order), each on its own kept-alive connection: the machine's drift between rounds cannot favour
 * any server, and the difference to bare within a turn is the latency a layer adds to one answer,
 * its database round trips included (the log's commit among them).
 */
export async function measureLatency(servers: BenchServer[], request: (s: BenchServer) => Request): Promise<Latency[]> {
  const bare = servers.findIndex((s) => s.name === 'bare');
  const clients = servers.map((s) => {
    const r = request(s);
    return { client: jsonClient(r.url, r.headers), body: r.body };
  });
  const ms = servers.map(() => [] as number[]);
  const indexes = servers.map((_, i) => i);
  try {
    for (let turn = 0; turn < LATENCY.warmup + LATENCY.measured; turn++) {
      for (const i of turnOrder(indexes, turn)) {
        const started = performance.now();
        const res = await clients[i].client.post(clients[i].body);
        const took = performance.now() - started;
        if (res.status !== 200) throw new BenchFailed(`${servers[i].name} answered HTTP ${res.status}`);
        if (turn >= LATENCY.warmup) ms[i].push(took);
      }
    }
  } finally {
    for (const c of clients) c.client.close();
  }
  return servers.map((s, i) => ({
    name: s.name, p50ms: median(ms[i]), addedP50ms: median(ms[i].map((x, turn) => x - ms[bare][turn])),
  }));
}
