import { startGateway, type Gateway } from '../../gateway/src/server.ts';
import { privateRedis, type PrivateRedis } from '../e2e/redis-server.ts';
import { freePort, startDevStack, type Stack } from '../e2e/stack.ts';
import { PG_HOST, PG_PORT } from '../setup/postgres.ts';
import { throwawayDatabase } from '../setup/throwaway-databases.ts';
import { tcpCable, type Cable } from './cable.ts';
import { consistencyDifferences } from './consistency.ts';
import { apiClient, challengeIds, Tally, type Call } from './workload.ts';

export interface FaultStack {
  stack: Stack;
  /** A Redis server of this stack's own: stopping, restarting or flushing it disturbs no one else. */
  redis: PrivateRedis;
  /** With `ownGateway`: the gateway (Neon proxy + Upstash REST) the worker uses, and the cable from it to Postgres. */
  gateway?: Gateway;
  postgresCable?: Cable;
  databaseUrl: string;
  databaseName: string;
  prefix: string;
  tally: Tally;
  call: Call;
  challenges: string[];
  differences(): Promise<string[]>;
  /** One tick of the worker's cron, as Cloudflare would run it (wrangler dev's scheduled-event route). */
  cronTick(): Promise<void>;
  stop(): Promise<void>;
}

const GATEWAY_TOKEN = 'local-dev-token';

/**
 * `npm run dev`'s stack (wrangler dev, migrations, seed) on a throwaway database and a private Redis,
 * with limits high enough that the workload is never rate limited. `ownGateway` starts the gateway here
 * (scripts/dev.ts uses it through GATEWAY_URL) and connects it to Postgres through a cable the test can unplug.
 */
export async function startFaultStack(label: string, options: { ownGateway?: boolean } = {}): Promise<FaultStack> {
  const database = throwawayDatabase(label);
  const redis = await privateRedis();
  const prefix = `sqfault:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  let postgresCable: Cable | undefined;
  let gateway: Gateway | undefined;
  if (options.ownGateway) {
    postgresCable = await tcpCable({ host: PG_HOST, port: PG_PORT });
    gateway = await startGateway({
      port: await freePort(),
      postgres: { host: '127.0.0.1', port: postgresCable.port },
      redisUrl: redis.url,
      token: GATEWAY_TOKEN,
    });
  }
  const stack = await startDevStack({
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: prefix,
    UPSTASH_REDIS_REST_TOKEN: GATEWAY_TOKEN,
    REGISTRATIONS_PER_HOUR: '100000',
    LOGINS_PER_MINUTE: '100000',
    LOGINS_PER_IP_PER_MINUTE: '100000',
    SUBMISSIONS_PER_MINUTE: '100000',
    STARTS_PER_MINUTE: '100000',
    EDGE_CACHE_LEADERBOARD_SECONDS: '0',
    // The scenarios last seconds, not minutes: an award lost on the way to the queue is re-sent after 10 s.
    AWARD_RESEND_AFTER_SECONDS: '10',
    ...(gateway ? { GATEWAY_URL: gateway.url } : {}),
  });
  const tally = new Tally();
  const call = apiClient(stack.baseUrl, tally);
  return {
    stack,
    redis,
    gateway,
    postgresCable,
    databaseUrl: database.url,
    databaseName: database.name,
    prefix,
    tally,
    call,
    challenges: await challengeIds(call),
    differences: () => consistencyDifferences({ databaseUrl: database.url, redisUrl: redis.url, prefix }),
    async cronTick() {
      const response = await fetch(`${stack.baseUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('* * * * *')}`);
      // 200 "ok", or 500 "exception" when the sweep failed (Postgres still down): the next tick retries it.
      const outcome = await response.text();
      if (outcome !== 'ok' && outcome !== 'exception') throw new Error(`cron tick: ${response.status} ${outcome.slice(0, 200)}`);
    },
    async stop() {
      await stack.stop();
      await gateway?.close();
      await postgresCable?.close();
      await redis.stop();
      await database.drop();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
