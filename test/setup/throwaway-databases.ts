import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ADMIN_URL, postgresUrl } from './postgres.ts';

/** Throwaway databases are named `skillquest_<label>_<run id>`, see runId(). */
const THROWAWAY = /^skillquest_[a-z]+_([0-9a-z]+_[0-9a-f]{6})$/;
/** Far longer than any run (CI stops at 90 min), so a concurrent run's database or keys are never touched. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** `<base-36 ms timestamp>_<6 hex>`: unique per run, and its age can be read back from a database name. */
export function runId(now = Date.now()): string {
  return `${now.toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** Whether a run id (see runId()) is of a run long over: one killed before its teardown. */
export function isStaleRun(run: string, now = Date.now()): boolean {
  const started = /^([0-9a-z]+)_[0-9a-f]{6}$/.exec(run)?.[1];
  return started !== undefined && now - parseInt(started, 36) > STALE_AFTER_MS;
}

/** A database no other run uses. Nothing is created yet: create() it, or let migrate/dev.ts create it. */
export function throwawayDatabase(label: string, run = runId()) {
  const name = `skillquest_${label}_${run}`;
  return {
    name,
    url: postgresUrl(name),
    create: () => withAdmin(async (admin) => void (await admin.query(`create database "${name}"`))),
    drop: () => dropDatabase(name),
  };
}

/** Runs `use` on a connection to the maintenance database. */
export async function withAdmin<T>(use: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Drops the throwaway databases of runs that were killed before their teardown (Ctrl-C twice,
 * a closed pipe), so they don't pile up on a developer's Postgres.
 */
export async function dropStaleThrowawayDatabases(now = Date.now()): Promise<string[]> {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'skillquest\\_%'`);
    const stale = rows
      .map((row) => row.datname)
      .filter((name) => {
        const run = THROWAWAY.exec(name)?.[1];
        return run !== undefined && isStaleRun(run, now);
      });
    for (const name of stale) await admin.query(`drop database if exists "${name}" with (force)`);
    return stale;
  });
}

/** Drops one throwaway database, closing whatever connections a test left open to it. */
export async function dropDatabase(name: string): Promise<void> {
  await withAdmin(async (admin) => void (await admin.query(`drop database if exists "${name}" with (force)`)));
}
