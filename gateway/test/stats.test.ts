import { Pool } from '@neondatabase/serverless';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/server.ts';
import type { StatsSnapshot } from '../src/stats.ts';
import { deleteKeys, fetchStats, PG_URL, startTestGateway, TOKEN, uniquePrefix, useGatewayForNeon } from './helpers.ts';

const prefix = uniquePrefix('stats');
let gateway: Gateway;
let redis: Redis;
let before: StatsSnapshot; // right after the reset each test starts with

beforeAll(async () => {
  gateway = await startTestGateway();
  useGatewayForNeon(gateway);
  redis = new Redis({ url: gateway.url, token: TOKEN, enableTelemetry: false, enableAutoPipelining: false });
});

afterAll(async () => {
  await deleteKeys(prefix);
  await gateway?.close();
});

beforeEach(async () => {
  before = await fetchStats(gateway, '/__stats/reset', 'POST');
});

/** Connections opened since this test's reset (still-open ones from earlier tests stay listed). */
const opened = (after: StatsSnapshot) => after.connections.filter((c) => !before.connections.some((b) => b.id === c.id));

async function withPool<T>(work: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool({ connectionString: PG_URL, max: 1 });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

describe('GET /__stats', () => {
  it('counts one pool.query as one connection and one round trip', async () => {
    await withPool((pool) => pool.query('select 1'));
    const after = await fetchStats(gateway);
    expect(after.total).toEqual({ pg_connections: 1, pg_round_trips: 1, pg_statements: 1, redis_requests: 0, redis_commands: 0 });
    expect(opened(after)).toEqual([
      {
        id: expect.any(Number),
        kind: 'pg',
        application_name: expect.stringContaining('neondatabase/serverless'),
        opened_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        closed_at: expect.toSatisfy((v) => v === null || typeof v === 'string'),
        round_trips: 1,
        statements: 1,
        commands: 0,
      },
    ]);
  });

  it('counts a transaction: BEGIN, a parameterized insert, a query, COMMIT', async () => {
    await withPool(async (pool) => {
      const client = await pool.connect();
      await client.query('begin');
      await client.query('create temp table stats_tx (id int) on commit drop');
      await client.query('insert into stats_tx values ($1)', [1]); // Parse/Bind/Describe/Execute/Sync
      await client.query('commit');
      client.release();
    });
    const after = await fetchStats(gateway);
    expect(after.total).toMatchObject({ pg_connections: 1, pg_round_trips: 4, pg_statements: 4 });
    expect(opened(after).map((c) => [c.round_trips, c.statements])).toEqual([[4, 4]]);
  });

  it('names each Postgres connection by its application_name, so a client can find its own', async () => {
    const pool = new Pool({ connectionString: `${PG_URL}?application_name=stats-probe`, max: 1 });
    await pool.query('select 1').finally(() => pool.end());
    expect(opened(await fetchStats(gateway)).map((c) => [c.kind, c.application_name])).toEqual([['pg', 'stats-probe']]);
  });

  it('marks a Postgres connection closed once the driver ends it', async () => {
    await withPool((pool) => pool.query('select 1'));
    const [connection] = opened(await fetchStats(gateway));
    await expect.poll(async () => (await fetchStats(gateway)).connections.find((c) => c.id === connection!.id)?.closed_at).toMatch(/^\d{4}-/);
  });

  it('counts a Redis pipeline of 3 commands as 1 request, and each single command as 1', async () => {
    await redis.pipeline().set(`${prefix}p`, 1).incr(`${prefix}p`).get(`${prefix}p`).exec();
    expect((await fetchStats(gateway)).total).toMatchObject({ redis_requests: 1, redis_commands: 3 });
    await redis.multi().incr(`${prefix}p`).incr(`${prefix}p`).exec();
    await redis.get(`${prefix}p`);
    const after = await fetchStats(gateway);
    expect(after.total).toEqual({ pg_connections: 0, pg_round_trips: 0, pg_statements: 0, redis_requests: 3, redis_commands: 6 });
    const redisConnections = after.connections.filter((c) => c.kind === 'redis');
    expect(redisConnections.reduce((sum, c) => sum + c.commands, 0)).toBe(6);
    expect(redisConnections.reduce((sum, c) => sum + c.round_trips, 0)).toBe(3);
  });

  it('POST /__stats/reset zeroes the totals and forgets closed connections', async () => {
    await withPool((pool) => pool.query('select 1'));
    await redis.get(`${prefix}missing`);
    await expect.poll(async () => (await fetchStats(gateway)).connections.every((c) => c.kind !== 'pg' || c.closed_at)).toBe(true);
    const reset = await fetchStats(gateway, '/__stats/reset', 'POST');
    expect(reset.total).toEqual({ pg_connections: 0, pg_round_trips: 0, pg_statements: 0, redis_requests: 0, redis_commands: 0 });
    expect(reset.connections.filter((c) => c.kind === 'pg')).toEqual([]);
    expect(reset.connections.every((c) => c.closed_at === null && c.round_trips === 0 && c.commands === 0)).toBe(true);
    expect(await fetchStats(gateway)).toEqual(reset);
  });

  it('requires the bearer token', async () => {
    for (const [path, method] of [['/__stats', 'GET'], ['/__stats/reset', 'POST']] as const) {
      for (const headers of [{}, { authorization: 'Bearer wrong' }]) {
        const res = await fetch(`${gateway.url}${path}`, { method, headers });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ error: 'Unauthorized' });
      }
    }
  });

  it('is never taken for an Upstash path-style command, and is not counted itself', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${gateway.url}/__stats/`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${gateway.url}/__stats`, { method: 'POST', headers: auth })).status).toBe(405);
    expect((await fetch(`${gateway.url}/__stats/get`, { headers: auth })).status).toBe(404);
    expect((await fetchStats(gateway)).total.redis_requests).toBe(0);
  });
});
