import { jsonClient } from '../lib/http.js';

/** One series of searches for the client process: the bodies in order, the first `warmup` not timed. */
export interface SearchJob {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  warmup: number;
  /** `{ __typename }`: no accessLog in the answer. */
  bare: boolean;
}

export type SearchResult = { ms: number[]; edges: number } | { error: string };

interface Answer {
  data?: { accessLog?: { edges: unknown[] } | null };
  errors?: { extensions?: { code?: string } }[];
}

/**
 * The searches' client, in a process of its own (forked by search.ts): it sends one request at a
 * time on one kept-alive connection and times each, so parsing the answers never shares the API's
 * event loop, as with a real caller (the API benchmark's load generator has a thread of its own).
 */
async function run(job: SearchJob): Promise<SearchResult> {
  const client = jsonClient(job.url, job.headers);
  try {
    const ms: number[] = [];
    let edges = 0;
    for (const [k, body] of job.bodies.entries()) {
      const started = process.hrtime.bigint();
      const res = await client.post(body);
      const took = Number(process.hrtime.bigint() - started) / 1e6;
      const answer = res.json as Answer;
      const list = job.bare ? [] : answer.data?.accessLog?.edges;
      if (res.status !== 200 || answer.errors || !list) {
        return { error: `accessLog: HTTP ${res.status}, errors ${answer.errors?.map((e) => e.extensions?.code).join(', ') ?? 'none'}` };
      }
      if (k >= job.warmup) {
        ms.push(took);
        edges += list.length;
      }
    }
    return { ms, edges };
  } finally {
    client.close();
  }
}

process.on('message', (job: SearchJob) => {
  run(job).then((r) => process.send!(r), (e: unknown) => process.send!({ error: e instanceof Error ? e.message : String(e) }));
});
