import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpDb } from '../../src/db/client';
import { config, openDb } from './helpers';

// The worker's Postgres login has the app's privileges only: reads and writes of its rows. Anyone
// who gets hold of a session (through the gateway, or a bug) can't change the schema or the server.
const handle = openDb();
afterAll(() => handle.close());

describe.each([
  ['WebSocket pool', () => handle.db],
  ['HTTP', () => createHttpDb(config)],
] as const)("the worker's database login (%s)", (_, db) => {
  it('is the app role: no superuser, no new databases or roles', async () => {
    const { rows } = await db().execute(sql`
      select current_user as role, r.rolsuper, r.rolcreatedb, r.rolcreaterole, current_setting('is_superuser') as is_superuser
      from pg_roles r where r.rolname = current_user`);
    expect(rows[0]).toEqual({ role: 'skillquest_app', rolsuper: false, rolcreatedb: false, rolcreaterole: false, is_superuser: 'off' });
  });

  it('reads and writes the app tables', async () => {
    const { rows } = await db().execute(sql`select count(*)::int as n from attempts`);
    expect((rows[0] as { n: number }).n).toBeGreaterThanOrEqual(0);
  });
});

/** The SQLSTATE `statement` fails with, run in a transaction that is always rolled back. */
async function sqlstateOf(statement: string): Promise<string | undefined> {
  const client = await handle.pool.connect();
  try {
    await client.query('begin');
    await client.query(statement);
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  } finally {
    await client.query('rollback');
    client.release();
  }
}

describe("what the worker's login may not do", () => {
  it.each([
    ['create a table', 'create table role_probe (id int)'],
    ['drop a table', 'drop table xp_events'],
    ['alter a table', 'alter table users add column role_probe int'],
    ['truncate a table', 'truncate xp_events'],
    ['read the migration journal', 'select count(*) from drizzle.__drizzle_migrations'],
    ['read server files', "select pg_read_file('/etc/hostname')"],
    ['run programs', "copy (select 1) to program 'true'"],
  ])('%s (42501 insufficient privilege)', async (_what, statement) => {
    expect(await sqlstateOf(statement)).toBe('42501');
  });
});
