import { Migration } from '@mikro-orm/migrations';

/**
 * The API logs in as the application role itself (issue 16, finding 14): `ntk_app` becomes a login
 * role, with no more privileges than its grants. Before, the API logged in as the owner and only
 * `SET ROLE`d to it, and any SQL it ran could `RESET ROLE` back to the owner.
 *
 * Giving LOGIN takes a superuser or CREATEROLE; an owner with neither leaves a warning, and the
 * operator gives it (`ALTER ROLE ntk_app LOGIN PASSWORD '…'`, then DATABASE_APP_URL). No password is
 * set here: a local development server trusts local connections; production sets its own.
 */
export class Migration20261204001400_app_role_login extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$ begin
  if not exists (select from pg_roles where rolname = 'ntk_app') then create role ntk_app nologin; end if;
  if not (select rolcanlogin from pg_roles where rolname = 'ntk_app') then
    begin
      alter role ntk_app login;
    exception when insufficient_privilege then
      raise warning 'ntk_app needs LOGIN, which this role may not give: ALTER ROLE ntk_app LOGIN PASSWORD ''…'' as a superuser';
    end;
  end if;
end $$;`);
  }
}
