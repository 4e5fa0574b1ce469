import { Agent, request } from 'node:http';

/** A POST to one server: where, with which headers, what body. */
export interface Request {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** One request, for checks and statement counts. */
export async function post(r: Request): Promise<{ status: number; body: GraphQLBody }> {
  const res = await fetch(r.url, { method: 'POST', headers: r.headers, body: r.body });
  return { status: res.status, body: (await res.json()) as GraphQLBody };
}

/**
 * POST of JSON over one kept-alive connection, with node:http: what a service calling the API does.
 * (fetch, through its web streams, costs the client about a millisecond a request on this machine,
 * which would be counted as the server's.)
 */
export function jsonClient(url: string, headers: Record<string, string>) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const target = new URL(url);
  const send = (body: string) => new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
      headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (e) {
          reject(e instanceof Error ? e : new Error('the answer is not JSON'));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
  return { post: send, close: () => agent.destroy() };
}
