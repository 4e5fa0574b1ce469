import pg from 'pg';

export interface ForeignActivity { samples: number; busySamples: number; maxSessions: number }

/**
 * Samples, once a second, the sessions busy on the server in databases other than ours: the
 * benchmark shares the machine, and a figure taken while someone else ran a load says so in the report.
 */
export async function watchForeignActivity(serverUrl: string, ourDatabases: string[]): Promise<{ stop(): Promise<ForeignActivity> }> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  const a: ForeignActivity = { samples: 0, busySamples: 0, maxSessions: 0 };
  let pending: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    pending = client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where state = 'active' and backend_type = 'client backend'
       and pid <> pg_backend_pid() and datname <> all($1::text[])`, [ourDatabases])
      .then((r) => {
        a.samples++;
        if (r.rows[0].n > 0) a.busySamples++;
        a.maxSessions = Math.max(a.maxSessions, r.rows[0].n);
      }, () => undefined);
  }, 1000);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      await client.end();
      return a;
    },
  };
}

export function describeActivity(a: ForeignActivity): string {
  return a.busySamples === 0
    ? `no other session was busy on the server (${a.samples} one-second samples)`
    : `other sessions were busy on the server in ${a.busySamples} of ${a.samples} one-second samples (up to ${a.maxSessions} at once): the figures are disturbed`;
}
