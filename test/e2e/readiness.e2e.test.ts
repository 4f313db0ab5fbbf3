import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateRedis, type PrivateRedis } from './redis-server.ts';
import { startDevStack, type Stack } from './stack.ts';
import { throwawayDatabase } from '../setup/throwaway-databases.ts';

// Its own stack and its own Redis server, because this test stops Redis on purpose.
describe('GET /health/ready through wrangler dev', () => {
  const database = throwawayDatabase('ready');
  let redis: PrivateRedis;
  let stack: Stack;

  beforeAll(async () => {
    redis = await privateRedis();
    stack = await startDevStack({ DATABASE_URL: database.url, REDIS_URL: redis.url });
  }, 150_000);

  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
    await database.drop();
  });

  it('is 200 with both services up, 503 naming Redis when Redis stops, 200 again when it is back', async () => {
    const up = await fetch(`${stack.baseUrl}/health/ready`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });

    await redis.stop();
    const down = await fetch(`${stack.baseUrl}/health/ready`);
    expect(down.status).toBe(503);
    expect(down.headers.get('Retry-After')).toMatch(/^\d+$/);
    const body = (await down.json()) as { error: { code: string; message: string; details: { down: string[] } } };
    expect(body.error.code).toBe('service_unavailable');
    expect(body.error.details.down).toEqual(['redis']);
    expect(body.error.message).toContain('redis');

    await redis.start();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await fetch(`${stack.baseUrl}/health/ready`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
  }, 60_000);
});
