import { writeFileSync } from 'node:fs';
import { openOrm } from '../src/db/orm.js';
import { migrationsList } from '../migrations/index.js';

/**
 * npm run migration:create -- <Name>: writes the SQL that brings a database at the current
 * migrations up to the entities, as a new migration file to review and add to migrations/index.ts.
 * Needs DATABASE_URL pointing at a scratch database with all migrations applied.
 */
const name = process.argv[2];
if (!name || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || !process.env.DATABASE_URL) {
  console.error('usage: DATABASE_URL=... npm run migration:create -- <Name>');
  process.exit(2);
}
const orm = await openOrm({ databaseUrl: process.env.DATABASE_URL, poolMax: 1 });
await orm.getMigrator().up();
const sql = (await orm.schema.getUpdateSchemaSQL({ wrap: false })).split('\n').filter((l) => l.trim());
await orm.close();
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const cls = `Migration${stamp}_${name}`;
const body = sql.map((l) => `    this.addSql(\`${l.replace(/`/g, '\\`')}\`);`).join('\n');
writeFileSync(new URL(`../migrations/${cls}.ts`, import.meta.url),
  `import { Migration } from '@mikro-orm/migrations';\n\nexport class ${cls} extends Migration {\n  override async up(): Promise<void> {\n${body}\n  }\n}\n`);
console.log(`migrations/${cls}.ts written (${sql.length} statements, ${migrationsList.length} existing): review it and add it to migrations/index.ts`);
