import pg from 'pg';

/** Throwaway databases are named `skillquest_<label>_<base-36 ms timestamp>_<6 hex>`. */
const THROWAWAY = /^skillquest_[a-z]+_([0-9a-z]+)_[0-9a-f]{6}$/;
/** Far longer than any run (CI stops at 90 min), so a concurrent run's database is never touched. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * Drops the throwaway databases of runs that were killed before their teardown (Ctrl-C twice,
 * a closed pipe), so they don't pile up on a developer's Postgres.
 */
export async function dropStaleThrowawayDatabases(adminUrl: string, now = Date.now()): Promise<string[]> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'skillquest\\_%'`);
    const stale = rows
      .map((row) => row.datname)
      .filter((name) => {
        const created = THROWAWAY.exec(name)?.[1];
        return created !== undefined && now - parseInt(created, 36) > STALE_AFTER_MS;
      });
    for (const name of stale) await admin.query(`drop database if exists "${name}" with (force)`);
    return stale;
  } finally {
    await admin.end();
  }
}

/** Drops one throwaway database, closing whatever connections a test left open to it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}
