import { Redis as IORedis } from 'ioredis';
import { startGateway, type Gateway } from '../src/server.ts';

// Database 15 and per-run key prefixes keep tests away from other developers' data.
export const REDIS_URL = process.env.GATEWAY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
export const PG_TARGET = { host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432) };
export const TOKEN = 'gateway-test-token';

export function startTestGateway(): Promise<Gateway> {
  return startGateway({ port: 0, postgres: PG_TARGET, redisUrl: REDIS_URL, token: TOKEN });
}

export function uniquePrefix(name: string): string {
  return `gateway-test:${name}:${process.pid}:${Date.now()}:`;
}

export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new IORedis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
