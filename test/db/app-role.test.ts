import type { MikroORM } from '@mikro-orm/postgresql';
import { onServer, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.stop(); });

interface Session { current_user: string; session_user: string; superuser: boolean }
const session = async (orm: MikroORM, sql = '') => {
  const conn = orm.em.fork().getConnection();
  // One connection of the pool, as a resolver's SQL would have it.
  return conn.transactional(async (trx) => {
    if (sql) await conn.execute(sql, [], 'run', trx);
    const [row] = await conn.execute<Session[]>(
      `select current_user, session_user, (select rolsuper from pg_roles where rolname = current_user) as superuser`, [], 'all', trx);
    return row;
  });
};

// Issue 16, finding 14: the API logged in as the owner (a superuser) and only SET ROLE'd to ntk_app.
describe('the API logs in as the application role itself', () => {
  onServer('R5 R10 the write pool\'s sessions are ntk_app, for current_user and session_user alike', async () => {
    expect(await session(s.orm)).toEqual({ current_user: 'ntk_app', session_user: 'ntk_app', superuser: false });
  });

  onServer('R5 R10 the read pool\'s sessions are ntk_app too', async () => {
    expect(await session(s.readOrm!)).toEqual({ current_user: 'ntk_app', session_user: 'ntk_app', superuser: false });
  });

  onServer('R5 R10 RESET ROLE from the API\'s session does not give the owner\'s or a superuser\'s rights', async () => {
    expect(await session(s.orm, 'reset role')).toEqual({ current_user: 'ntk_app', session_user: 'ntk_app', superuser: false });
    await expect(s.orm.em.fork().getConnection().execute('reset role; set role postgres')).rejects.toThrow(/permission denied/);
    await expect(s.orm.em.fork().getConnection().execute('reset role; delete from access_log')).rejects.toThrow(/permission denied/);
    await expect(s.orm.em.fork().getConnection().execute('reset role; alter table access_log disable trigger user')).rejects.toThrow(/must be owner|permission denied/);
  });

  onServer('ntk_app can log in (the migration gave it LOGIN) and has no role attributes beyond it', async () => {
    expect(await s.sql(`select rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles where rolname = 'ntk_app'`))
      .toEqual([{ rolcanlogin: true, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false }]);
  });

  onServer('the API still answers and logs as ntk_app', async () => {
    const res = await s.gql('case-manager-a', '{ person(id: "person-a1") { surname } }', { purpose: 'DETENTION_MANAGEMENT', justification: 'app role' });
    expect(res.body.data.person.surname).toBe('Jansen');
    expect(await s.sql(`select outcome from access_log where justification = 'app role'`)).toEqual([{ outcome: 'GRANTED' }]);
  });
});
