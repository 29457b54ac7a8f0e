import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The application's own login. The API and the worker connect as this role,
 * which the migrations (run as the owner) give every privilege the
 * application needs and no more: it reads and appends the audit trail, never
 * changes it, and cannot become the owner, who alone could switch off the
 * append-only triggers. Its password is set by whoever provisions the database.
 */
export const APP_ROLE = 'pennant_app';

/** The URL of the application's login on the owner URL's server and database. */
export function appLoginUrl(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}

/**
 * Sets the application role's password, connected as the owner after the
 * migrations created the role, and returns the URL that logs in with it.
 * The role is cluster-wide: every database of the server shares the password.
 */
export async function provisionAppLogin(ownerUrl: string, password: string): Promise<string> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${APP_ROLE} PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  return appLoginUrl(ownerUrl, password);
}

export class UnsafeDatabaseLogin extends Error {
  override name = 'UnsafeDatabaseLogin';
}

/**
 * Refuses to run the application on a login that could rewrite the audit
 * trail: a superuser, a role that may create roles, the trail's owner or a
 * member of it (who could SET ROLE to it), or one granted UPDATE, DELETE or
 * TRUNCATE on it.
 */
export async function assertApplicationLogin(ds: DataSource): Promise<void> {
  const [r]: Array<{ login: string; superuser: boolean; createrole: boolean; owner: string; owns: boolean; rewrites: boolean }> = await ds.query(`
    SELECT current_user AS login, r.rolsuper AS superuser, r.rolcreaterole AS createrole,
           pg_get_userbyid(c.relowner) AS owner, pg_has_role(current_user, c.relowner, 'MEMBER') AS owns,
           (SELECT bool_or(has_table_privilege(t, p)) FROM unnest(ARRAY['public.audit_log', 'public.audit_log_signatures']) t,
                   unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE']) p) AS rewrites
      FROM pg_roles r, pg_class c
     WHERE r.rolname = current_user AND c.oid = 'public.audit_log'::regclass`);
  if (!r) throw new UnsafeDatabaseLogin('the database has no audit trail yet: run the migrations (npm run migrate) first');
  const why = [
    r.superuser && 'is a superuser',
    r.createrole && 'may create roles',
    r.owns && `is or may become the audit trail's owner "${r.owner}"`,
    r.rewrites && 'may update, delete or truncate the audit trail',
  ].filter(Boolean);
  if (why.length) {
    throw new UnsafeDatabaseLogin(
      `DATABASE_URL logs in as "${r.login}", which ${why.join(', ')}. The API and the worker must log in as the application role ` +
        `${APP_ROLE} (set its password as the owner: ALTER ROLE ${APP_ROLE} PASSWORD '…'); the owner's URL is for migrations only (DATABASE_OWNER_URL).`,
    );
  }
}

/**
 * The two logins from the environment: DATABASE_OWNER_URL (migrations, seeds)
 * and DATABASE_URL (the application). DATABASE_URL alone is the owner's, as it
 * was before the application had a login of its own; the caller then
 * provisions the application's login.
 */
export function databaseLoginsFromEnv(env: NodeJS.ProcessEnv): { ownerUrl?: string; appUrl?: string } {
  if (env.DATABASE_OWNER_URL) return { ownerUrl: env.DATABASE_OWNER_URL, ...(env.DATABASE_URL ? { appUrl: env.DATABASE_URL } : {}) };
  return env.DATABASE_URL ? { ownerUrl: env.DATABASE_URL } : {};
}
