import { loadSignalTables, signalOutcome } from '../../src/oversight/signals/decision-tables.js';
import { surnameKey } from '../../src/oversight/signals/surname.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import pg from 'pg';
import { freshDatabase } from '../support/database.js';
import { onServer } from '../support/server.js';

const cases = loadSignalTables();

describe('policies/tests/oversight-signals.yaml decision tables (issue 20)', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(signalOutcome(c)).toEqual(c.expect);
  });

  test('R10 every kind of rule has a table row', () => {
    const kinds = new Set(cases.map((c) => Object.keys(c).find((k) => k !== 'name' && k !== 'expect')));
    expect([...kinds].sort()).toEqual(['offHours', 'outsideUnitAttempts', 'read', 'repeatedDenials', 'surname', 'volumeSpike']);
  });

  onServer('R10 SQL oversight_surname_key is the twin of surnameKey on every name of the tables and more', async () => {
    const names = [...cases.flatMap((c) => ('surname' in c ? [c.surname.staff, c.surname.person] : [])),
      "O'Brien", 'Ødegård', 'Łukasz Wałęsa', '  Jansen  ', 'Vries, de', 'Case manager A', ''];
    const db = await freshDatabase();
    try {
      await prepareDatabase(db.url, { seed: false });
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query<{ k: string }>('select oversight_surname_key(n) as k from unnest($1::text[]) with ordinality u(n, i) order by i', [names]);
      await c.end();
      expect(rows.map((r) => r.k)).toEqual(names.map(surnameKey));
    } finally {
      await db.drop();
    }
  }, 60_000);
});
