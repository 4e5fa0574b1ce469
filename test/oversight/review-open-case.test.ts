import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { openOrm } from '../../src/db/orm.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { openOrJoinCase, type OpenOrJoinInput } from '../../src/oversight/cases/open-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await freshDatabase();
  await prepareDatabase(db.url, { seed: false });
  orm = await openOrm({ databaseUrl: db.url, poolMax: db.real ? 4 : 1 });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const AT = new Date('2026-12-01T10:00:00Z');
const policy = { termDays: 14 };

/**
 * Stand-ins for the tables of findings and break-glass uses, so this file tests only the queue: a
 * temporary table hides the real one for this transaction, whatever columns the real one has.
 */
async function withStandIns<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
  return orm.em.fork().transactional(async (em) => {
    await em.execute('create temp table oversight_finding (id uuid primary key, signal text, review_case_id uuid) on commit drop', [], 'run');
    await em.execute('create temp table break_glass (id uuid primary key, review_case_id uuid) on commit drop', [], 'run');
    return work(em);
  });
}

const finding = (principalId: string, findingIds: string[] = []): OpenOrJoinInput =>
  ({ principalId, principalCategory: 'staff', at: AT, source: { kind: 'FINDING', findingIds } });
const rows = async (sql: string, params: unknown[] = []) => orm.em.fork().execute(sql, params);

describe('openOrJoinCase (issue 20, R10)', () => {
  test('R10 a finding opens a case due a review term later, records OPENED and FINDING_JOINED, and points the finding at it', async () => {
    const f = randomUUID();
    const { caseId, linked } = await withStandIns(async (em) => {
      await em.execute(`insert into oversight_finding (id, signal) values (?, 'OFF_HOURS')`, [f], 'run');
      const caseId = await openOrJoinCase(em, finding('case-manager-a', [f]), policy);
      const linked = await em.execute<{ review_case_id: string }[]>('select review_case_id from oversight_finding where id = ?', [f]);
      return { caseId, linked };
    });
    expect(linked).toEqual([{ review_case_id: caseId }]);
    const [c] = await rows('select status, source, opened_at, due_at, principal_category from review_case where id = ?', [caseId]);
    expect(c).toMatchObject({ status: 'OPEN', source: 'FINDING', principal_category: 'staff' });
    expect(new Date(c.due_at as string).toISOString()).toBe('2026-12-15T10:00:00.000Z');
    expect(await rows('select kind, actor_id, text, finding_id from review_case_event where case_id = ? order by seq', [caseId])).toEqual([
      { kind: 'OPENED', actor_id: 'oversight', text: null, finding_id: null },
      { kind: 'FINDING_JOINED', actor_id: 'oversight', text: 'OFF_HOURS', finding_id: f },
    ]);
  });

  test('R10 a later finding and a break-glass use of the same principal join its open case', async () => {
    const first = await withStandIns((em) => openOrJoinCase(em, finding('case-manager-b'), policy));
    const bg = randomUUID();
    const second = await withStandIns(async (em) => {
      await em.execute('insert into break_glass (id) values (?)', [bg], 'run');
      return openOrJoinCase(em, { principalId: 'case-manager-b', principalCategory: 'staff', at: AT, source: { kind: 'BREAK_GLASS', breakGlassId: bg } }, policy);
    });
    expect(second).toBe(first);
    expect(await rows(`select kind, actor_id, break_glass_id from review_case_event where case_id = ? and kind <> 'OPENED'`, [first]))
      .toEqual([{ kind: 'BREAK_GLASS_JOINED', actor_id: 'case-manager-b', break_glass_id: bg }]);
  });

  test('R10 concurrent runs for one principal open one case, not two', async () => {
    const ids = await Promise.all(Array.from({ length: 4 }, () => withStandIns((em) => openOrJoinCase(em, finding('medical-officer'), policy))));
    expect(new Set(ids).size).toBe(1);
    expect(await rows(`select count(*)::int as n from review_case where principal_id = 'medical-officer'`)).toEqual([{ n: 1 }]);
    expect(await rows(`select count(*)::int as n from review_case_event where case_id = ? and kind = 'OPENED'`, [ids[0]])).toEqual([{ n: 1 }]);
  });

  test('R10 once the case is closed, the next finding opens a new one', async () => {
    const first = await withStandIns((em) => openOrJoinCase(em, finding('intake-a'), policy));
    await rows(`update review_case set status = 'CLOSED', verdict = 'JUSTIFIED', closed_at = now(), closed_by = 'auditor' where id = ?`, [first]);
    const second = await withStandIns((em) => openOrJoinCase(em, finding('intake-a'), policy));
    expect(second).not.toBe(first);
  });

  test('R10 a finding that arrives while a reviewer closes the case waits, then opens a new case rather than joining the closed one', async () => {
    const first = await withStandIns((em) => openOrJoinCase(em, finding('director-general'), policy));
    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const closed = new Promise<void>((resolve) => { locked = resolve; });
    const closing = orm.em.fork().transactional(async (em) => {
      await em.execute(`update review_case set status = 'CLOSED', verdict = 'JUSTIFIED', closed_at = now(), closed_by = 'auditor' where id = ?`, [first], 'run');
      locked();
      await held;
    });
    await closed;
    const joining = withStandIns((em) => openOrJoinCase(em, finding('director-general'), policy));
    await new Promise((r) => setTimeout(r, 300));
    release();
    await closing;
    const second = await joining;
    expect(second).not.toBe(first);
    expect(await rows(`select status, count(*)::int as n from review_case where principal_id = 'director-general' group by status order by status`))
      .toEqual([{ status: 'CLOSED', n: 1 }, { status: 'OPEN', n: 1 }]);
  });

  test('R10 a rolled-back caller leaves no case behind', async () => {
    await expect(withStandIns(async (em) => {
      await openOrJoinCase(em, finding('id-officer'), policy);
      throw new Error('the finding failed');
    })).rejects.toThrow('the finding failed');
    expect(await rows(`select count(*)::int as n from review_case where principal_id = 'id-officer'`)).toEqual([{ n: 0 }]);
  });
});
