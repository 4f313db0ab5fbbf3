import { createDb, createHttpDb, type Database, type DbHandle, type TransactionalDatabase } from '../db/client';
import type { Config } from '../lib/config';
import { createHubNotifier, type HubNotifier } from './hub';
import { createLeaderboard, type Leaderboard } from './leaderboard/boards';
import { createQueueSender, type QueueSender } from './queue';
import { createRedis, type Redis } from './redis';

/**
 * What a request, a queue batch or the Durable Object works with. Each service is built on first
 * use, so /health touches nothing.
 */
export interface Services {
  readonly config: Config;
  /** One round trip per query or `db.batch([...])`, no connection to open: reads and single writes. */
  readonly db: Database;
  /** A pooled connection (several round trips to open): interactive transactions only. */
  readonly pool: TransactionalDatabase;
  readonly redis: Redis;
  /** The same Redis, its reply strings left unparsed: the leaderboard reads, which convert their own. */
  readonly plainRedis: Redis;
  readonly leaderboard: Leaderboard;
  readonly hub: HubNotifier;
  readonly queue: QueueSender;
}

export interface ServiceScope {
  services: Services;
  /** Closes what was opened (the Postgres pool); pass to waitUntil. */
  dispose(): Promise<void>;
}

export type ServiceEnv = Pick<Env, 'LEADERBOARD_HUB' | 'AWARDS_QUEUE'>;

export function createServices(config: Config, env: ServiceEnv, options: { poolSize?: number } = {}): ServiceScope {
  let dbHandle: DbHandle | undefined;
  let httpDb: Database | undefined;
  let redis: Redis | undefined;
  let plainRedis: Redis | undefined;
  const services: Services = {
    config,
    get db() {
      httpDb ??= createHttpDb(config);
      return httpDb;
    },
    get pool() {
      dbHandle ??= createDb(config, { max: options.poolSize });
      return dbHandle.db;
    },
    get redis() {
      redis ??= createRedis(config);
      return redis;
    },
    get plainRedis() {
      plainRedis ??= createRedis(config, { parseReplies: false });
      return plainRedis;
    },
    get leaderboard() {
      return createLeaderboard(this.redis, config.REDIS_KEY_PREFIX);
    },
    get hub() {
      return createHubNotifier(env);
    },
    get queue() {
      return createQueueSender(env);
    },
  };
  return { services, dispose: async () => dbHandle?.close() };
}
