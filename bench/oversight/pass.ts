import type { MikroORM } from '@mikro-orm/postgresql';
import { runOversight } from '../../src/oversight/job/run.js';
import { signalPolicy } from '../../src/oversight/signals/policy.js';
import { withClient } from '../lib/pg.js';
import { secondsSince } from '../lib/runner.js';
import { STAFF, PERSONS } from '../log/synthetic.js';

export interface PassFigures {
  anchorSeconds: number;
  anchorGroups: number;
  firstPass: { rows: number; seconds: number; findings: number };
  incrementalDay: { rows: number; seconds: number; findings: number };
  cases: number;
}

/**
 * The oversight pass over bench/log's generated log: its raw-SQL anchor (one GROUP BY principal and
 * day counting distinct persons), then the job from nothing up to the last day's first seal, then
 * the last day alone, as the interval would fold it. The full pass is the two together.
 * The synthetic principals and persons get staff and person rows (central staff: the generator
 * pairs staff with persons at random, which would make every read one of another institution), so
 * every per-read signal joins real rows. The oversight tables start empty on each run.
 */
export async function measurePass(url: string, orm: MikroORM, log: (m: string) => void): Promise<PassFigures> {
  const p = signalPolicy();
  const untilSeal = await withClient(url, async (c) => {
    await c.query(`truncate oversight_finding, oversight_daily, oversight_progress, review_case_event, review_case cascade`);
    await c.query(`insert into staff_member (id, display_name, roles, institution, unit)
      select 'staff-g' || lpad(i::text, 4, '0'), 'Staff g' || i, '{case_manager}', null, 'bench' from generate_series(1, ${STAFF}) i on conflict do nothing`);
    await c.query(`insert into person (id, surname, given_names)
      select 'person-g' || lpad(i::text, 6, '0'), 'Person ' || i, 'Bench' from generate_series(1, ${PERSONS}) i on conflict do nothing`);
    await c.query('analyze staff_member; analyze person');
    const { rows } = await c.query<{ p: string }>(`select min(position) - 1 as p from access_log_seal
      where last_at >= (select max(last_at) from access_log_seal) - interval '1 day'`);
    return rows[0].p;
  });

  log('raw-SQL anchor: GROUP BY principal, day counting distinct persons');
  const anchorStart = Date.now();
  const anchorGroups = await withClient(url, async (c) => Number((await c.query<{ n: string }>(
    `select count(*) as n from (select principal_id, (at at time zone $1)::date, count(distinct person_id)
       from access_log group by 1, 2) g`, [p.timeZone])).rows[0].n));
  const anchorSeconds = secondsSince(anchorStart);

  log(`oversight: first pass up to seal ${untilSeal}`);
  let started = Date.now();
  const first = await runOversight(orm.em.fork(), () => new Date(), p, untilSeal);
  const firstSeconds = secondsSince(started);
  log('oversight: the last day');
  started = Date.now();
  const day = await runOversight(orm.em.fork(), () => new Date(), p);
  const daySeconds = secondsSince(started);
  const cases = await withClient(url, async (c) => Number((await c.query<{ n: string }>('select count(*) as n from review_case')).rows[0].n));
  return {
    anchorSeconds, anchorGroups,
    firstPass: { rows: first.rows + day.rows, seconds: firstSeconds + daySeconds, findings: first.findings + day.findings },
    incrementalDay: { rows: day.rows, seconds: daySeconds, findings: day.findings },
    cases,
  };
}
