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

/**
 * Creates the database if it is missing (local convenience), applies drizzle-kit's SQL migrations, then
 * grants the app's role what it needs on the tables they made.
 */
export async function migrateDatabase(url: string, { migrationsFolder = MIGRATIONS }: { migrationsFolder?: string } = {}): Promise<void> {
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder });
    await grantAppRole(client, decodeURIComponent(new URL(url).pathname.slice(1)));
  } finally {
    await client.end();
  }
}

/**
 * Roles belong to the whole cluster: the role may already exist (another database, a concurrent test
 * run), so creating it tolerates losing that race, and its attributes are reset only if they are wrong.
 */
async function grantAppRole(client: pg.Client, database: string): Promise<void> {
  const role = `"${APP_ROLE}"`;
  await client.query(`
    do $$ begin
      if not exists (select from pg_roles where rolname = '${APP_ROLE}') then
        begin
          create role ${role} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls;
        exception when duplicate_object or unique_violation then null;
        end;
      end if;
      if exists (select from pg_roles where rolname = '${APP_ROLE}'
                 and (rolsuper or rolcreatedb or rolcreaterole or rolreplication or rolbypassrls or not rolcanlogin)) then
        alter role ${role} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls;
      end if;
    end $$`);
  await client.query(`grant connect on database "${database.replaceAll('"', '""')}" to ${role}`);
  await client.query(`grant usage on schema public to ${role}`);
  await client.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
  await client.query(`grant usage, select on all sequences in schema public to ${role}`);
}

export async function ensureDatabase(url: string): Promise<void> {
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
  await runSetup({ databaseUrl: url }, () => migrateDatabase(url));
  console.log(JSON.stringify({ event: 'migrations_applied', database: new URL(url).pathname.slice(1), app_role: APP_ROLE }));
}
