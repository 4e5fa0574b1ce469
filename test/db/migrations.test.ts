import { migrate, pendingMigrations } from '../../src/db/orm.js';
import { useUnmigratedDatabase } from '../support/unmigrated.js';
import { migrationsList } from '../../migrations/index.js';

const database = useUnmigratedDatabase(4);

describe('migrations', () => {
  test('apply on an empty database and leave nothing pending', async () => {
    expect(await migrate(database.orm())).toHaveLength(migrationsList.length);
    expect(await pendingMigrations(database.orm())).toBe(0);
    expect(await migrate(database.orm())).toEqual([]);
  });

  test('match the entities: the schema generator finds nothing to change', async () => {
    const diff = await database.orm().schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
