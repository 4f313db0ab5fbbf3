import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BASE } from './helpers';

describe('GET /health', () => {
  it('answers ok without touching any service', async () => {
    const res = await exports.default.fetch(`${BASE}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});

describe('GET /health/ready', () => {
  it('reports Postgres (Neon driver) and Redis (Upstash REST) up through the gateway', async () => {
    const res = await exports.default.fetch(`${BASE}/health/ready`);
    const body = await res.json<{ status: string; checks: Record<string, { status: string }> }>();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.checks.postgres?.status).toBe('up');
    expect(body.checks.redis?.status).toBe('up');
  });
});
