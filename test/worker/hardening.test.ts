import exampleVars from '../../.dev.vars.example?raw';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { loginJson, refreshWith, registerUser } from './auth-helpers';
import { apiWithEnv } from './env-helpers';
import { api, errorOf, expectError } from './helpers';

function expectSecurityHeaders(headers: Headers, what: string) {
  expect(headers.get('X-Content-Type-Options'), what).toBe('nosniff');
  expect(headers.get('Referrer-Policy'), what).toBe('no-referrer');
  expect(headers.get('X-Frame-Options'), what).toBe('DENY');
  expect(headers.get('Content-Security-Policy'), what).toContain("frame-ancestors 'none'");
}

describe('responses that carry tokens are never cached', () => {
  it('login and refresh answer Cache-Control: no-store', async () => {
    const user = await registerUser();
    const login = await loginJson(user.username, user.password);
    expect(login.status).toBe(200);
    expect(login.headers.get('Cache-Control')).toBe('no-store');
    const refreshed = await refreshWith(login.json.refresh_token);
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('security headers', () => {
  it.each([
    ['GET', '/health'],
    ['GET', '/no-such-route'],
    ['GET', '/auth/me'],
    ['POST', '/auth/login'],
    ['GET', '/openapi.json'],
    ['GET', '/docs'],
  ])('%s %s carries nosniff, Referrer-Policy, X-Frame-Options and a CSP with frame-ancestors', async (method, path) => {
    const res = await api(method, path, method === 'POST' ? { body: {} } : {});
    expectSecurityHeaders(res.headers, `${method} ${path} → ${res.status}`);
  });

  it('/docs allows only its own scripts and styles, and has no inline script', async () => {
    const res = await api('GET', '/docs');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('the static page at / carries them too (public/_headers)', async () => {
    const res = await env.ASSETS.fetch('http://sq.test/');
    expect(res.status).toBe(200);
    expectSecurityHeaders(res.headers, 'GET /');
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
  });
});

describe('configuration', () => {
  it('takes `servers` in /openapi.json from PUBLIC_BASE_URL, never from the Host header', async () => {
    const configured = await apiWithEnv({ PUBLIC_BASE_URL: 'https://api.example.com' }, '/openapi.json', { headers: { Host: 'evil.example' } });
    expect(configured.json.servers).toEqual([expect.objectContaining({ url: 'https://api.example.com' })]);
    const res = await api('GET', '/openapi.json', { headers: { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' } });
    expect(JSON.stringify(res.json.servers)).not.toContain('sq.test');
    expect(res.json.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('turns /docs off with DOCS_ENABLED=false (a 404 in the error shape); /openapi.json stays', async () => {
    const docs = await apiWithEnv({ DOCS_ENABLED: 'false' }, '/docs');
    expectError(docs, 404);
    expect((await apiWithEnv({ DOCS_ENABLED: 'false' }, '/openapi.json')).status).toBe(200);
  });

  it('refuses to serve in production with the example JWT secret of .dev.vars.example: 503 in the error shape', async () => {
    const exampleSecret = /^JWT_SECRET=(.+)$/m.exec(exampleVars)?.[1];
    expect(exampleSecret).toBeTruthy();
    // (No credential signing key: the test config's published one would be refused in production too.)
    const production = { APP_ENV: 'production', METRICS_TOKEN: 'a-real-metrics-token-0123456789', CREDENTIAL_SIGNING_KEY: '' };
    const res = await apiWithEnv({ ...production, JWT_SECRET: exampleSecret }, '/health');
    expect(res.status, res.text).toBe(503);
    expect(errorOf(res).code).toBe('service_unavailable');
    expect(res.headers.get('Retry-After')).toMatch(/^\d+$/);
    // The same secret is fine for local development, and a real one in production.
    expect((await apiWithEnv({ APP_ENV: 'development', JWT_SECRET: exampleSecret }, '/health')).status).toBe(200);
    expect((await apiWithEnv({ ...production, JWT_SECRET: 'a-real-secret-nobody-has-seen-0123456789' }, '/health')).status).toBe(200);
  });
});
