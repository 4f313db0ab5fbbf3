import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { appDatabaseUrl, migrateDatabase } from '../../scripts/migrate.ts';
import { throwawayDatabase } from '../setup/throwaway-databases.ts';

// The migrate step against a real Postgres, from Node (it needs the superuser the app never gets).
const databases: ReturnType<typeof throwawayDatabase>[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), 'sq-migrations-'));
afterAll(async () => {
  for (const database of databases) await database.drop();
  rmSync(scratch, { recursive: true, force: true });
});

function freshDatabase() {
  const database = throwawayDatabase('migr');
  databases.push(database);
  return database;
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const sqlstateOf = (client: pg.Client, text: string) =>
  client.query(text).then(
    () => undefined,
    (err: { code?: string }) => err.code,
  );

/** The migrations folder as it was before migration `tag` (its journal cut there). */
function migrationsBefore(tag: string): string {
  const folder = path.join(scratch, `before-${tag}`);
  cpSync('migrations', folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag));
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe('npm run db:migrate', () => {
  it("creates the app's login role: it can log in, and is no superuser and creates no databases or roles", async () => {
    const database = freshDatabase();
    await migrateDatabase(database.url);
    const role = await withClient(database.url, async (client) =>
      (await client.query(`select rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls
                           from pg_roles where rolname = 'skillquest_app'`)).rows[0],
    );
    expect(role).toEqual({ rolcanlogin: true, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false });
  });

  it('gives the role the password of APP_ROLE_PASSWORD (hosted Postgres wants one), and keeps it when run without', async () => {
    const database = freshDatabase();
    const password = `pw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const stored = () => withClient(database.url, async (client) =>
      (await client.query(`select rolpassword from pg_authid where rolname = 'skillquest_app'`)).rows[0].rolpassword as string | null);
    try {
      await migrateDatabase(database.url, { appRolePassword: password });
      const hash = await stored();
      expect(hash).toMatch(/^SCRAM-SHA-256\$/); // hashed by the server, never stored as given
      expect(hash).not.toContain(password);
      await migrateDatabase(database.url);
      expect(await stored()).toBe(hash);
    } finally {
      // The role is the whole cluster's: leave it as the other runs expect it (local logins are trusted).
      await withClient(database.url, (client) => client.query('alter role skillquest_app password null'));
    }
  });

  it('grants that role reads and writes of the app tables and sequences, and no DDL', async () => {
    const database = freshDatabase();
    await migrateDatabase(database.url);
    await withClient(appDatabaseUrl(database.url), async (app) => {
      const [user] = (await app.query(`insert into users (username, email, password_hash) values ('grant_probe', 'g@example.test', 'x') returning id`)).rows;
      const [challenge] = (await app.query(`insert into challenges (title, xp, difficulty) values ('Grant probe', 10, 'easy') returning id`)).rows;
      const [attempt] = (await app.query('insert into attempts (user_id, challenge_id, status, score, submitted_at) values ($1, $2, $3, 100, now()) returning id', [user.id, challenge.id, 'passed'])).rows;
      await app.query('insert into xp_events (user_id, attempt_id, challenge_id, xp) values ($1, $2, $3, 10)', [user.id, attempt.id, challenge.id]); // bigserial
      await app.query('update users set total_xp = 10 where id = $1', [user.id]);
      await app.query('delete from xp_events where attempt_id = $1', [attempt.id]);
      expect(await sqlstateOf(app, 'create table probe (id int)')).toBe('42501');
      expect(await sqlstateOf(app, 'alter table users add column probe int')).toBe('42501');
      expect(await sqlstateOf(app, 'drop table xp_events')).toBe('42501');
      expect(await sqlstateOf(app, 'select * from drizzle.__drizzle_migrations')).toBe('42501');
    });
  });

  it('migrating again, from an older schema or none, keeps the grants', async () => {
    const database = freshDatabase();
    await migrateDatabase(database.url, { migrationsFolder: migrationsBefore('0004_one_open_attempt') });
    await migrateDatabase(database.url);
    await migrateDatabase(database.url);
    await withClient(appDatabaseUrl(database.url), async (app) => {
      expect((await app.query('select count(*)::int as n from attempts')).rows).toEqual([{ n: 0 }]);
    });
  });

  it('0004 keeps one open attempt per player and challenge (the oldest), and leaves submitted ones alone', async () => {
    const database = freshDatabase();
    await migrateDatabase(database.url, { migrationsFolder: migrationsBefore('0004_one_open_attempt') });
    const ids = await withClient(database.url, async (db) => {
      const user = (await db.query(`insert into users (username, email, password_hash) values ('dup', 'dup@example.test', 'x') returning id`)).rows[0].id;
      const [a, b] = (await db.query(`insert into challenges (title, xp, difficulty) values ('A', 10, 'easy'), ('B', 10, 'easy') returning id`)).rows.map((r) => r.id);
      const insert = async (challenge: string, minutesAgo: number, status = 'started') => {
        const submitted = status === 'started' ? [null, null] : [90, new Date()];
        const { rows } = await db.query(
          `insert into attempts (user_id, challenge_id, status, score, submitted_at, started_at)
           values ($1, $2, $3, $4, $5, now() - make_interval(mins => $6)) returning id`,
          [user, challenge, status, ...submitted, minutesAgo],
        );
        return rows[0].id as string;
      };
      return {
        oldestOpenA: await insert(a, 30),
        newerOpenA: [await insert(a, 20), await insert(a, 10)],
        passedA: await insert(a, 40, 'passed'),
        openB: await insert(b, 5),
      };
    });
    await migrateDatabase(database.url);
    const left = await withClient(database.url, async (db) => (await db.query('select id from attempts order by started_at')).rows.map((r) => r.id));
    expect(left.sort()).toEqual([ids.oldestOpenA, ids.passedA, ids.openB].sort());
    await withClient(database.url, async (db) => {
      const index = await db.query(`select indexdef from pg_indexes where indexname = 'attempts_one_open_per_challenge'`);
      expect(index.rows[0]?.indexdef).toMatch(/UNIQUE INDEX .* \(user_id, challenge_id\) WHERE \(status = 'started'/);
    });
  });
});
