import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { appDatabaseUrl, migrateDatabase } from '../../scripts/migrate.ts';
import { spawnGateway } from './spawn-gateway.ts';
import { dropDatabase, dropStaleThrowawayDatabases } from './stale-databases.ts';

const PG_HOST = process.env.PGHOST ?? '127.0.0.1';
const PG_PORT = Number(process.env.PGPORT ?? 5432);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/14';

declare module 'vitest' {
  interface ProvidedContext {
    databaseUrl: string;
    neonWsProxy: string;
    redisRestUrl: string;
    redisRestToken: string;
    redisKeyPrefix: string;
  }
}

/**
 * Runs in Node before the workers start: a throwaway database, migrated; the gateway in front of
 * the real Postgres and Redis; their addresses (and the gateway token) handed to the workers with provide().
 */
export default async function setup(project: TestProject) {
  const adminUrl = `postgresql://postgres@${PG_HOST}:${PG_PORT}/postgres`;
  const dropped = await dropStaleThrowawayDatabases(adminUrl);
  if (dropped.length > 0) console.log(`setup: dropped ${dropped.length} stale throwaway database(s) of killed runs`);
  const run = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dbName = `skillquest_test_${run}`;
  const databaseUrl = `postgresql://postgres@${PG_HOST}:${PG_PORT}/${dbName}`;
  await migrateDatabase(databaseUrl);

  const token = randomBytes(16).toString('hex');
  const gateway = await spawnGateway({
    PGHOST: PG_HOST,
    PGPORT: String(PG_PORT),
    REDIS_URL,
    UPSTASH_REDIS_REST_TOKEN: token,
  });

  // The worker logs in as the app's role (migrateDatabase grants it); only this setup needs postgres.
  project.provide('databaseUrl', appDatabaseUrl(databaseUrl));
  project.provide('neonWsProxy', `127.0.0.1:${gateway.port}/v2?token=${token}`);
  project.provide('redisRestUrl', gateway.url);
  project.provide('redisRestToken', token);
  project.provide('redisKeyPrefix', `sqtest:${run}`);

  return async function teardown() {
    await gateway.stop();
    await dropDatabase(adminUrl, dbName);
  };
}
