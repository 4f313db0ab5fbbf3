import { describe, expect, it } from 'vitest';
import { apiWithEnv } from './env-helpers';
import { api, config, errorOf } from './helpers';

const allowed = config.CORS_ORIGINS[0]!;
const foreign = 'https://evil.example';

function preflight(origin: string, path = '/auth/login', method = 'POST') {
  return api('OPTIONS', path, {
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization, content-type' },
  });
}

describe('CORS: only the origins of CORS_ORIGINS', () => {
  it('has a dev origin configured for these tests (wrangler.toml [vars])', () => {
    expect(allowed).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+$/);
  });

  it('answers a preflight from an allowed origin with 204 and what it may send, without credentials', async () => {
    const res = await preflight(allowed);
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(allowed);
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('authorization');
    expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('content-type');
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it('lets an allowed origin read answers and errors (in the error shape), Retry-After and X-Request-Id included', async () => {
    const ok = await api('GET', '/health', { headers: { Origin: allowed } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(allowed);
    expect(ok.headers.get('Access-Control-Expose-Headers')).toMatch(/Retry-After/);
    expect(ok.headers.get('Access-Control-Expose-Headers')).toMatch(/X-Request-Id/);
    const denied = await api('GET', '/auth/me', { headers: { Origin: allowed } });
    expect(denied.status).toBe(401);
    expect(errorOf(denied).code).toBe('unauthorized');
    expect(denied.headers.get('Access-Control-Allow-Origin')).toBe(allowed);
  });

  it('gives any other origin no Access-Control-Allow-Origin, on a preflight or a request', async () => {
    const pre = await preflight(foreign);
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const res = await api('GET', '/health', { headers: { Origin: foreign } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    // Near misses are other origins too.
    for (const near of [`${allowed}/`, allowed.replace('http:', 'https:'), `${allowed}0`, 'null']) {
      expect((await api('GET', '/health', { headers: { Origin: near } })).headers.get('Access-Control-Allow-Origin'), near).toBeNull();
    }
  });

  it('allows no origin at all when CORS_ORIGINS is empty (the production default)', async () => {
    const res = await apiWithEnv({ CORS_ORIGINS: '' }, '/health', { headers: { Origin: allowed } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('refuses to serve with a CORS_ORIGINS entry that is not an origin (503)', async () => {
    const res = await apiWithEnv({ CORS_ORIGINS: 'https://app.example.com/path' }, '/health');
    expect(res.status).toBe(503);
    expect(errorOf(res).code).toBe('service_unavailable');
  });
});
