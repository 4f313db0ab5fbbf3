import { createDb, type Database, type DbHandle } from '../db/client';
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
  readonly db: Database;
  readonly redis: Redis;
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

export function createServices(config: Config, env: ServiceEnv): ServiceScope {
  let dbHandle: DbHandle | undefined;
  let redis: Redis | undefined;
  const services: Services = {
    config,
    get db() {
      dbHandle ??= createDb(config);
      return dbHandle.db;
    },
    get redis() {
      redis ??= createRedis(config);
      return redis;
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
