import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { domainEntities } from '../domain/entities.js';
import { auditEntities } from '../audit/entities.js';
import { migrationsList } from '../../migrations/index.js';

export interface OrmOptions {
  databaseUrl: string;
  poolMax?: number;
  debug?: boolean;
}

export function ormConfig({ databaseUrl, poolMax = 10, debug = false }: OrmOptions): Options {
  return {
    clientUrl: databaseUrl,
    entities: [...domainEntities, ...auditEntities],
    extensions: [Migrator],
    // Migrations are listed in code, not globbed, so they run the same from tsx, jest and a bundle.
    migrations: { migrationsList, path: 'migrations', pathTs: 'migrations', transactional: true, snapshot: false, silent: true },
    pool: { min: 0, max: poolMax },
    discovery: { warnWhenNoEntities: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug,
  };
}

export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

export async function pendingMigrations(orm: MikroORM): Promise<number> {
  return (await orm.getMigrator().getPendingMigrations()).length;
}
