/** A pg client as knex and runPrepared use it: callback style, or a promise. */
interface PgClient {
  query(...args: unknown[]): unknown;
}

type Callback = (err: unknown, result?: unknown) => void;

/**
 * Queues the queries sent to one connection, so the client never gets one while another runs:
 * pg deprecates that and pg 9 will refuse it. Resolvers of one request run side by side (two
 * DataLoaders in the same tick, a field per dossier), and in a transaction they share its one
 * connection. The order is the order they were sent, as pg's own queue kept it.
 */
export function oneQueryAtATime<C extends PgClient>(client: C): C {
  const send = client.query.bind(client);
  let tail: Promise<unknown> = Promise.resolve();
  client.query = (...args: unknown[]): unknown => {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as Callback;
      tail = tail.then(() => new Promise<void>((done) => {
        send(...args.slice(0, -1), (err: unknown, result?: unknown) => {
          done();
          callback(err, result);
        });
      }));
      return undefined;
    }
    // A submittable (a cursor, a stream) answers through itself, not a promise: sent as it comes.
    if ((args[0] as { submit?: unknown } | null)?.submit !== undefined) return send(...args);
    const result = tail.then(() => send(...args));
    tail = result.catch(() => undefined);
    return result;
  };
  return client;
}
