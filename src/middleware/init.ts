import { createMiddleware } from 'hono/factory';
import { createDb, type Database, type DbHandle } from '../db/client';
import { configFromEnv, type Config } from '../lib/config';
import type { AppBindings } from '../lib/types';
import { createHubNotifier, type HubNotifier } from '../services/hub';
import { createLeaderboard, type Leaderboard } from '../services/leaderboard';
import { createRedis, type Redis } from '../services/redis';

/** Per-request services. Each is built on first use, so /health touches nothing. */
export interface Services {
  readonly db: Database;
  readonly redis: Redis;
  readonly leaderboard: Leaderboard;
  readonly hub: HubNotifier;
}

export interface ServiceScope {
  services: Services;
  /** Closes what was opened (the Postgres pool); pass to waitUntil. */
  dispose(): Promise<void>;
}

export function createServices(config: Config, env: Pick<Env, 'LEADERBOARD_HUB'>): ServiceScope {
  let dbHandle: DbHandle | undefined;
  let redis: Redis | undefined;
  const services: Services = {
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
  };
  return { services, dispose: async () => dbHandle?.close() };
}

export function init() {
  return createMiddleware<AppBindings>(async function initServices(c, next) {
    const config = configFromEnv(c.env);
    const scope = createServices(config, c.env);
    c.set('config', config);
    c.set('services', scope.services);
    try {
      await next();
    } finally {
      const closing = scope.dispose().catch(() => {});
      try {
        c.executionCtx.waitUntil(closing);
      } catch {
        await closing; // no ExecutionContext (e.g. app.request() in a unit test)
      }
    }
  });
}
