import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { appDatabaseUrl, migrateDatabase } from '../../scripts/migrate.ts';
import { PG_HOST, PG_PORT } from './postgres.ts';
import { deleteRunKeys, deleteStaleRunKeys, runKeyPrefix } from './run-redis-keys.ts';
import { spawnGateway } from './spawn-gateway.ts';
import { dropStaleThrowawayDatabases, runId, throwawayDatabase } from './throwaway-databases.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/14';

declare module 'vitest' {
  interface ProvidedContext {
    databaseUrl: string;
    /** A second migrated database that only reconcile.test.ts writes: it asserts about the whole database. */
    reconcileDatabaseUrl: string;
    neonWsProxy: string;
    redisRestUrl: string;
    redisRestToken: string;
    redisKeyPrefix: string;
  }
}

/**
 * Runs in Node before the workers start: a throwaway database, migrated; the gateway in front of
 * the real Postgres and Redis; their addresses (and the gateway token) handed to the workers with provide().
 * The run's database and Redis keys (`sqtest:<run>:*`) are removed at teardown, and those of killed runs at setup.
 */
export default async function setup(project: TestProject) {
  const dropped = await dropStaleThrowawayDatabases();
  if (dropped.length > 0) console.log(`setup: dropped ${dropped.length} stale throwaway database(s) of killed runs`);
  const cleaned = await deleteStaleRunKeys(REDIS_URL);
  if (cleaned.length > 0) console.log(`setup: deleted the Redis keys of ${cleaned.length} killed run(s)`);
  const run = runId();
  const database = throwawayDatabase('test', run);
  const reconcileDatabase = throwawayDatabase('reconcile', run);
  await migrateDatabase(database.url);
  await migrateDatabase(reconcileDatabase.url);

  const token = randomBytes(16).toString('hex');
  const gateway = await spawnGateway({
    PGHOST: PG_HOST,
    PGPORT: String(PG_PORT),
    REDIS_URL,
    UPSTASH_REDIS_REST_TOKEN: token,
  });

  // The worker logs in as the app's role (migrateDatabase grants it); only this setup needs postgres.
  project.provide('databaseUrl', appDatabaseUrl(database.url));
  project.provide('reconcileDatabaseUrl', appDatabaseUrl(reconcileDatabase.url));
  project.provide('neonWsProxy', `127.0.0.1:${gateway.port}/v2?token=${token}`);
  project.provide('redisRestUrl', gateway.url);
  project.provide('redisRestToken', token);
  project.provide('redisKeyPrefix', runKeyPrefix(run));

  return async function teardown() {
    await gateway.stop();
    await database.drop();
    await reconcileDatabase.drop();
    await deleteRunKeys(REDIS_URL, run);
  };
}
