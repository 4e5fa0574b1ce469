import type { MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../logger.js';

interface SessionRow {
  session_user: string;
  superuser: boolean;
  bypass_rls: boolean;
}

/**
 * At start-up, on a PostgreSQL server: the API's sessions must have logged in as the application
 * role, not as the owner or a superuser (issue 16, finding 14). A superuser could change or delete
 * access-log rows and switch triggers off (R5, R10); `SET ROLE` alone does not prevent it, since any
 * SQL the session runs can `RESET ROLE`. Production refuses to start as a superuser; development
 * warns (DB_APP_ROLE empty keeps the owner on purpose).
 */
export async function checkAppSession(orm: MikroORM, o: { role: string | null; production: boolean }): Promise<void> {
  const [row] = await orm.em.fork().getConnection().execute<SessionRow[]>(
    `select session_user, r.rolsuper as superuser, r.rolbypassrls as bypass_rls from pg_roles r where r.rolname = session_user`);
  if (row.superuser || row.bypass_rls) {
    const message = 'The API logs in as a superuser: set DATABASE_APP_URL, or DB_APP_ROLE, to the application role';
    if (o.production) throw new Error(message);
    logger.warn({ sessionUser: row.session_user }, message);
  } else if (o.role && row.session_user !== o.role) {
    logger.warn({ sessionUser: row.session_user, expected: o.role }, 'The API logs in as another role than DB_APP_ROLE');
  }
}
