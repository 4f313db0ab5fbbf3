import { Redis as IORedis } from 'ioredis';
import { neonConfig } from '@neondatabase/serverless';
import ws from 'ws';
import { PG_HOST, PG_PORT } from '../../test/setup/postgres.ts';
import { throwawayDatabase } from '../../test/setup/throwaway-databases.ts';
import { startGateway, type Gateway, type GatewayOptions } from '../src/server.ts';
import type { StatsSnapshot } from '../src/stats.ts';

// Database 15 and per-run key prefixes keep tests away from other developers' data.
export const REDIS_URL = process.env.GATEWAY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
export const PG_TARGET = { host: PG_HOST, port: PG_PORT };
export const TOKEN = 'gateway-test-token';

/** The connection string the Neon driver gets; wsProxy sends it through the gateway, which picks the real Postgres. */
export const PG_URL = 'postgresql://postgres@localhost:5432/postgres';

export function startTestGateway(options: Partial<GatewayOptions> = {}): Promise<Gateway> {
  return startGateway({ port: 0, postgres: PG_TARGET, redisUrl: REDIS_URL, token: TOKEN, ...options });
}

/** Points the Neon driver (globally, for this test file) at the gateway, as production config would at Neon. */
export function useGatewayForNeon(gateway: Gateway): void {
  // Node 22+ does have a global WebSocket the driver would fall back to, but production
  // code for Node passes `ws`, so the tests do too.
  neonConfig.webSocketConstructor = ws;
  // Function form: the driver uses the returned string verbatim (no ?address= appended), token included.
  neonConfig.wsProxy = () => `localhost:${gateway.port}/v2?token=${TOKEN}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false; // local Postgres uses trust auth, not cleartext password
  neonConfig.pipelineTLS = false;
}

export async function fetchStats(gateway: Gateway, path = '/__stats', method = 'GET'): Promise<StatsSnapshot> {
  const res = await fetch(`${gateway.url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as StatsSnapshot;
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

/** A fresh database named so test/setup's stale-database sweep removes it if the run is killed. */
export async function createThrowawayDatabase(label: string): Promise<{ name: string; drop(): Promise<void> }> {
  const database = throwawayDatabase(label);
  await database.create();
  return database;
}
