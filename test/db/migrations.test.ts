import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate, openOrm, pendingMigrations } from '../../src/db/orm.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { migrationsList } from '../../migrations/index.js';

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await freshDatabase();
  orm = await openOrm({ databaseUrl: db.url, poolMax: db.real ? 4 : 1 });
});
afterAll(async () => {
  await orm.close();
  await db.drop();
});

describe('migrations', () => {
  test('apply on an empty database and leave nothing pending', async () => {
    expect(await migrate(orm)).toHaveLength(migrationsList.length);
    expect(await pendingMigrations(orm)).toBe(0);
    expect(await migrate(orm)).toEqual([]);
  });

  test('match the entities: the schema generator finds nothing to change', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
