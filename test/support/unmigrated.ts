import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/db/orm.js';
import { freshDatabase, type TestDatabase } from './database.js';

/**
 * For the file's tests of migrations: a fresh database with nothing applied and an ORM on it as the
 * login role (the migrations' owner), opened before the tests and dropped after them.
 */
export function useUnmigratedDatabase(poolMax = 1): { orm(): MikroORM; db(): TestDatabase } {
  let db: TestDatabase;
  let orm: MikroORM;
  beforeAll(async () => {
    db = await freshDatabase();
    orm = await openOrm({ databaseUrl: db.url, poolMax: db.real ? poolMax : 1 });
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });
  return { orm: () => orm, db: () => db };
}
