/**
 * `npm run reconcile`: the read-only check of GET /admin/reconcile over every player, from a shell,
 * through the worker's own drivers and the same module (src/services/reconcile).
 *
 * Env: DATABASE_URL (default: the local database), REDIS_KEY_PREFIX (default `sq`), and either
 * - UPSTASH_REDIS_REST_URL + UPSTASH_REDIS_REST_TOKEN (and NEON_WS_PROXY if Postgres is behind a
 *   gateway): production, Neon and Upstash directly; or
 * - REDIS_URL (default redis://127.0.0.1:6379): local; a gateway is started in-process in front of
 *   the local Postgres and Redis, as `npm run dev` does.
 * RECONCILE_BATCH_SIZE: players per batch (default 500).
 *
 * Prints one summary line per check, then the differences (at most 20 per check) as JSON lines.
 * Exit status: 0 no difference, 1 differences, 2 the check could not run.
 */
import { startGateway, type Gateway } from '../gateway/src/server.ts';
import { createDb } from '../src/db/client.ts';
import { createRedis } from '../src/services/redis.ts';
import { reconcileAll, reconcileChecks, type Difference } from '../src/services/reconcile/index.ts';
import { databaseUrl } from './db-url.ts';

const SHOWN_PER_CHECK = 20;
const env = process.env;

async function connect(): Promise<{ gateway?: Gateway; proxy: string; restUrl: string; token: string }> {
  if (env.UPSTASH_REDIS_REST_URL) {
    return { proxy: env.NEON_WS_PROXY ?? '', restUrl: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN ?? '' };
  }
  const pg = new URL(databaseUrl());
  const token = 'reconcile-local';
  const gateway = await startGateway({
    port: 0,
    postgres: { host: pg.hostname, port: Number(pg.port || 5432) },
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    token,
  });
  // The gateway admits Neon WebSockets that show its token (as scripts/dev.ts passes it to the worker).
  return { gateway, proxy: `${gateway.url.replace(/^http:\/\//, '')}/v2?token=${encodeURIComponent(token)}`, restUrl: gateway.url, token };
}

function report(checkedPlayers: number, seconds: number, byCheck: Map<string, Difference[]>): number {
  let total = 0;
  const width = Math.max(...reconcileChecks.map((check) => check.name.length));
  console.log(`reconcile: ${checkedPlayers} players checked in ${seconds.toFixed(1)} s`);
  for (const check of reconcileChecks) {
    const found = byCheck.get(check.name) ?? [];
    total += found.length;
    console.log(`${found.length === 0 ? 'ok  ' : 'FAIL'} ${check.name.padEnd(width)} ${String(found.length).padStart(6)} differences  (${check.description})`);
  }
  for (const check of reconcileChecks) {
    const found = byCheck.get(check.name) ?? [];
    for (const difference of found.slice(0, SHOWN_PER_CHECK)) console.log(JSON.stringify(difference));
    if (found.length > SHOWN_PER_CHECK) console.log(`… and ${found.length - SHOWN_PER_CHECK} more ${check.name} differences`);
  }
  return total;
}

async function main(): Promise<number> {
  const { gateway, proxy, restUrl, token } = await connect();
  const db = createDb({ DATABASE_URL: databaseUrl(), NEON_WS_PROXY: proxy });
  try {
    const started = performance.now();
    const { checkedPlayers, differences } = await reconcileAll(
      { db: db.db, redis: createRedis({ UPSTASH_REDIS_REST_URL: restUrl, UPSTASH_REDIS_REST_TOKEN: token }), keyPrefix: env.REDIS_KEY_PREFIX ?? 'sq' },
      { batchSize: Number(env.RECONCILE_BATCH_SIZE ?? 500) },
    );
    const byCheck = Map.groupBy(differences, (d) => d.check);
    return report(checkedPlayers, (performance.now() - started) / 1000, byCheck) === 0 ? 0 : 1;
  } finally {
    await db.close();
    await gateway?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('reconcile: could not run:', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
