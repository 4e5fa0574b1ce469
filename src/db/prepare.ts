import { seedDemo } from '../seed/demo.js';
import { migrate, openOrm } from './orm.js';

export interface Prepared {
  migrationsApplied: string[];
  demoDataLoaded: boolean;
}

/**
 * As the owner (the login role): applies pending migrations, loads the demo data on an empty
 * database and makes the log partitions of this year and the next. The API then logs in as the
 * application role (src/db/orm.ts, `appRole`, or DATABASE_APP_URL), never as this owner.
 */
export async function prepareDatabase(databaseUrl: string, o: { seed: boolean }): Promise<Prepared> {
  const orm = await openOrm({ databaseUrl, poolMax: 1 });
  try {
    const migrationsApplied = await migrate(orm);
    const demoDataLoaded = o.seed ? await seedDemo(orm.em.fork()) : false;
    await orm.em.getConnection().execute('select access_log_ensure_partitions(3)');
    return { migrationsApplied, demoDataLoaded };
  } finally {
    await orm.close();
  }
}
