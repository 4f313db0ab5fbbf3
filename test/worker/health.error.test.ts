import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BASE, errorOf } from './helpers';

// Real, unreachable addresses (nothing listens on port 1): the drivers fail the way they would in production.
const DEAD = { NEON_WS_PROXY: '127.0.0.1:1/v2', UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:1' };

async function readyWith(overrides: Partial<Env>) {
  const worker = (await import('../../src/index')).default;
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}/health/ready`), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, headers: res.headers, json: await res.json() };
}

describe('GET /health/ready when a backing service is down', () => {
  it('is 503 naming Redis, with Retry-After, when Redis is unreachable', async () => {
    const res = await readyWith({ UPSTASH_REDIS_REST_URL: DEAD.UPSTASH_REDIS_REST_URL });
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('5');
    const error = errorOf(res);
    expect(error.code).toBe('service_unavailable');
    expect(error.details).toMatchObject({ down: ['redis'], checks: { postgres: { status: 'up' }, redis: { status: 'down' } } });
  });

  it('is 503 naming Postgres when Postgres is unreachable', async () => {
    const res = await readyWith({ NEON_WS_PROXY: DEAD.NEON_WS_PROXY });
    expect(res.status).toBe(503);
    expect(errorOf(res).details).toMatchObject({ down: ['postgres'], checks: { redis: { status: 'up' } } });
  });

  it('names both when both are down', async () => {
    const res = await readyWith(DEAD);
    expect(errorOf(res).details).toMatchObject({ down: ['postgres', 'redis'] });
  });
});

describe('unknown routes and bad requests', () => {
  it('answers an unknown path with 404 in the error shape, with a request id', async () => {
    const res = await exports.default.fetch(`${BASE}/no/such/thing`);
    expect(res.status).toBe(404);
    const body = await res.json<{ error: { code: string; request_id: string } }>();
    expect(body.error.code).toBe('not_found');
    expect(body.error.request_id).toBe(res.headers.get('X-Request-Id'));
  });

  it('echoes a well-formed incoming X-Request-Id', async () => {
    const res = await exports.default.fetch(`${BASE}/health`, { headers: { 'X-Request-Id': 'trace-abc-123' } });
    expect(res.headers.get('X-Request-Id')).toBe('trace-abc-123');
  });

  it('refuses a body over the size limit with 413 before reading it all', async () => {
    const res = await exports.default.fetch(`${BASE}/health`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(200 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('payload_too_large');
  });
});
