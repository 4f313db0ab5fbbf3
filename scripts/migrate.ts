import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { databaseUrl } from './db-url.ts';
import { runSetup } from './setup-errors.ts';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

/**
 * The role the app itself logs in as: it reads and writes the app's rows, and nothing more (no DDL, no
 * superuser, no new databases or roles). Migrations, the seed and test setup keep their own login.
 */
export const APP_ROLE = 'skillquest_app';

/** `url` with the app's role as its user (no password: local Postgres trusts it; Neon gets its own). */
export function appDatabaseUrl(url: string): string {
  const app = new URL(url);
  app.username = APP_ROLE;
  app.password = '';
  return app.toString();
}

export interface MigrateOptions {
  migrationsFolder?: string;
  /**
   * The app role's password (APP_ROLE_PASSWORD): set when the role is created, and changed to it when
   * given again. Needed wherever Postgres asks for one (Neon); locally the role logs in by trust.
   */
  appRolePassword?: string;
}

/**
 * Creates the database if it is missing (local convenience), applies drizzle-kit's SQL migrations, then
 * grants the app's role what it needs on the tables they made.
 */
export async function migrateDatabase(url: string, { migrationsFolder = MIGRATIONS, appRolePassword }: MigrateOptions = {}): Promise<void> {
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder });
    await grantAppRole(client, decodeURIComponent(new URL(url).pathname.slice(1)), appRolePassword);
  } finally {
    await client.end();
  }
}

const DUPLICATE_ROLE = new Set(['42710', '23505']); // duplicate_object, or unique_violation when two creates race

/**
 * Roles belong to the whole cluster: the role may already exist (another database, a concurrent test
 * run), so creating it tolerates losing that race, and its attributes are reset only if they are wrong.
 */
async function grantAppRole(client: pg.Client, database: string, password?: string): Promise<void> {
  const role = `"${APP_ROLE}"`;
  const attributes = 'login nosuperuser nocreatedb nocreaterole noreplication nobypassrls';
  const withPassword = password ? ` password ${client.escapeLiteral(password)}` : '';
  const found = await client.query('select rolsuper or rolcreatedb or rolcreaterole or rolreplication or rolbypassrls or not rolcanlogin as wrong from pg_roles where rolname = $1', [APP_ROLE]);
  if (found.rowCount === 0) {
    await client.query(`create role ${role} ${attributes}${withPassword}`).catch((err: { code?: string }) => {
      if (!DUPLICATE_ROLE.has(err.code ?? '')) throw err;
    });
  } else if (found.rows[0].wrong) {
    await client.query(`alter role ${role} ${attributes}`);
  }
  if (password) await client.query(`alter role ${role}${withPassword}`); // also when a concurrent create won the race
  await client.query(`grant connect on database "${database.replaceAll('"', '""')}" to ${role}`);
  await client.query(`grant usage on schema public to ${role}`);
  await client.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
  await client.query(`grant usage, select on all sequences in schema public to ${role}`);
}

/**
 * Creates the database when it is missing, from the server's `postgres` database. An existing one (a
 * hosted database such as Neon's) is only connected to.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (err) {
    await probe.end().catch(() => {});
    if ((err as { code?: string }).code !== '3D000') throw err; // 3D000: the database does not exist
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = databaseUrl();
  await runSetup({ databaseUrl: url }, () => migrateDatabase(url, { appRolePassword: process.env.APP_ROLE_PASSWORD || undefined }));
  console.log(JSON.stringify({ event: 'migrations_applied', database: new URL(url).pathname.slice(1), app_role: APP_ROLE,
    app_role_password: process.env.APP_ROLE_PASSWORD ? 'set' : 'unchanged' }));
}
