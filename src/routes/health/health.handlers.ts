import { sql } from 'drizzle-orm';
import { AppError } from '../../lib/app-error';
import type { AppRouteHandler } from '../../lib/types';
import { withTimeout } from '../../lib/with-timeout';
import type { HealthRoute, ReadyRoute } from './health.routes';

const CHECK_TIMEOUT_MS = 3_000;

type Check = { status: 'up' | 'down'; latency_ms: number; error?: string };

async function timed(what: string, probe: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    await withTimeout(probe(), CHECK_TIMEOUT_MS, what);
    return { status: 'up', latency_ms: latency() };
  } catch (err) {
    return { status: 'down', latency_ms: latency(), error: err instanceof Error ? err.message : String(err) };
  }
}

export const health: AppRouteHandler<HealthRoute> = (c) => c.json({ status: 'ok' as const, time: new Date().toISOString() }, 200);

export const ready: AppRouteHandler<ReadyRoute> = async (c) => {
  const { db, redis } = c.var.services;
  const [postgres, redisCheck] = await Promise.all([
    timed('postgres', () => db.execute(sql`select 1`)),
    timed('redis', () => redis.ping()),
  ]);
  const checks = { postgres, redis: redisCheck };
  const down = Object.entries(checks).filter(([, check]) => check.status === 'down').map(([name]) => name);
  if (down.length > 0) {
    throw new AppError({
      code: 'service_unavailable',
      message: `Unavailable: ${down.join(', ')}`,
      details: { down, checks },
      headers: { 'Retry-After': '5' },
    });
  }
  return c.json({ status: 'ready' as const, checks }, 200);
};
