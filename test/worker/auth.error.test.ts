import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { loginForm, loginJson, randomIp, registerUser, tokensOf } from './auth-helpers';
import { api, BASE, config, errorOf, expectError, openDb, unique } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

async function countUsers(username: string): Promise<number> {
  const rows = await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return rows.length;
}

function register(body: unknown, ip = randomIp()) {
  return api('POST', '/auth/register', { body, headers: { 'CF-Connecting-IP': ip } });
}

function validBody() {
  const username = unique('err');
  return { username, email: `${username}@example.test`, password: 'long enough password' };
}

describe('POST /auth/register with bad input', () => {
  it.each([
    ['username', { username: 'ab' }],
    ['username', { username: 'x'.repeat(33) }],
    ['username', { username: 'has space' }],
    ['username', { username: 'semi;colon' }],
    ['email', { email: 'not-an-email' }],
    ['password', { password: 'short' }],
    ['password', { password: 'p'.repeat(129) }],
    ['timezone', { timezone: 'Mars/Olympus_Mons' }],
    ['timezone', { timezone: '' }],
  ])('is 422 naming %s (%j) and creates nothing', async (field, override) => {
    const body = { ...validBody(), ...override };
    const res = await register(body);
    expectError(res, 422);
    const error = errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    if (typeof body.username === 'string' && body.username.length >= 3) expect(await countUsers(body.username)).toBe(0);
  });

  it('is 422 naming every missing field', async () => {
    const res = await register({});
    expectError(res, 422);
    const fields = (errorOf(res).details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'email', 'password']));
  });

  it('is 400 for malformed JSON', async () => {
    const res = await register('{"username": "abc",');
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('bad_request');
  });

  it('is 409 for a username differing only in case, and changes nothing', async () => {
    const existing = await registerUser();
    const res = await register({ ...validBody(), username: existing.username.toUpperCase() });
    expectError(res, 409);
    expect(errorOf(res)).toMatchObject({ code: 'conflict', details: [{ field: 'username' }] });
    expect(await countUsers(existing.username)).toBe(1);
  });

  it('is 409 for an email already registered (case-insensitively)', async () => {
    const existing = await registerUser();
    const body = { ...validBody(), email: existing.email.toUpperCase() };
    const res = await register(body);
    expectError(res, 409);
    expect(errorOf(res)).toMatchObject({ code: 'conflict', details: [{ field: 'email' }] });
    expect(await countUsers(body.username)).toBe(0);
  });

  it('lets exactly one of two concurrent identical registrations through', async () => {
    const body = validBody();
    const results = await Promise.all([register(body), register({ ...body, email: `b.${body.email}` })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await countUsers(body.username)).toBe(1);
  });
});

describe('POST /auth/login failures', () => {
  it('answers the same 401 for a wrong password and an unknown user', async () => {
    const user = await registerUser();
    const wrong = await loginJson(user.username, 'wrong password!');
    const unknown = await loginJson(unique('nobody'), 'wrong password!');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const strip = (res: typeof wrong) => ({ ...errorOf(res), request_id: undefined });
    expect(strip(wrong)).toEqual(strip(unknown));
    expect(errorOf(wrong).request_id).not.toBe(errorOf(unknown).request_id);
  });

  it('is 422 for a form without grant_type=password, 415 for other media types, 400 for bad JSON', async () => {
    const form = await api('POST', '/auth/login', {
      body: 'username=a&password=b',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expectError(form, 422);
    expect(errorOf(form).details).toEqual([expect.objectContaining({ field: 'grant_type' })]);
    const text = await api('POST', '/auth/login', { body: 'hello', headers: { 'Content-Type': 'text/plain' } });
    expect([text.status, errorOf(text).code]).toEqual([415, 'unsupported_media_type']);
    const none = await api('POST', '/auth/login');
    expect([none.status, errorOf(none).code]).toEqual([415, 'unsupported_media_type']);
    const bad = await api('POST', '/auth/login', { body: '{"username":' });
    expect([bad.status, errorOf(bad).code]).toEqual([400, 'bad_request']);
  });

  it('is 422 for an absurdly long password, before any hashing', async () => {
    const res = await loginJson(unique('long'), 'p'.repeat(10_000));
    expectError(res, 422);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'password' })]);
  });
});

describe('rate limits', () => {
  it(`refuses the ${config.LOGINS_PER_MINUTE + 1}th login for one username+IP with 429 and Retry-After`, async () => {
    const user = await registerUser();
    const ip = randomIp();
    for (let i = 0; i < config.LOGINS_PER_MINUTE; i += 1) {
      expect((await loginForm(user.username, 'wrong password!', ip)).status).toBe(401);
    }
    const limited = await loginJson(user.username, user.password, ip); // even the right password
    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The key is username+IP: the same user from another address is not locked out.
    expect((await loginJson(user.username, user.password, randomIp())).status).toBe(200);
  });

  it(`refuses the ${config.REGISTRATIONS_PER_HOUR + 1}th registration from one IP with 429 and Retry-After`, async () => {
    const ip = randomIp();
    for (let i = 0; i < config.REGISTRATIONS_PER_HOUR; i += 1) {
      expect((await register(validBody(), ip)).status).toBe(201);
    }
    const body = validBody();
    const limited = await register(body, ip);
    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await countUsers(body.username)).toBe(0);
  });

  it('fails closed (503 with Retry-After) when Redis is unreachable', async () => {
    const worker = (await import('../../src/index')).default;
    const ctx = createExecutionContext();
    const request = new Request(`${BASE}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: unique('x'), password: 'whatever1' }),
    });
    const res = await worker.fetch(request, { ...env, UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:1' }, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('5');
  });
});

describe('POST /auth/refresh and PATCH /auth/me failures', () => {
  it('is 401 for an unknown refresh token and 422 without one', async () => {
    const unknown = await api('POST', '/auth/refresh', { body: { refresh_token: 'A'.repeat(43) } });
    expect([unknown.status, errorOf(unknown).code]).toEqual([401, 'unauthorized']);
    const missing = await api('POST', '/auth/refresh', { body: {} });
    expectError(missing, 422);
    expect(errorOf(missing).details).toEqual([expect.objectContaining({ field: 'refresh_token' })]);
  });

  it('refuses a password change without or with a wrong current password, and changes nothing', async () => {
    const user = await registerUser();
    const { access_token } = await tokensOf(user);
    const without = await api('PATCH', '/auth/me', { token: access_token, body: { password: 'new password 123' } });
    expectError(without, 422);
    expect(errorOf(without).details).toEqual([expect.objectContaining({ field: 'current_password' })]);
    const wrong = await api('PATCH', '/auth/me', {
      token: access_token,
      body: { password: 'new password 123', current_password: 'not my password' },
    });
    expectError(wrong, 422);
    expect(errorOf(wrong).details).toEqual([expect.objectContaining({ field: 'current_password' })]);
    expect((await loginJson(user.username, user.password)).status).toBe(200);
  });

  it('is 422 for an empty patch or a bad timezone, 409 for a taken email', async () => {
    const user = await registerUser();
    const other = await registerUser();
    const { access_token } = await tokensOf(user);
    expectError(await api('PATCH', '/auth/me', { token: access_token, body: {} }), 422);
    const tz = await api('PATCH', '/auth/me', { token: access_token, body: { timezone: 'Nowhere/Land' } });
    expect(errorOf(tz).details).toEqual([expect.objectContaining({ field: 'timezone' })]);
    const taken = await api('PATCH', '/auth/me', { token: access_token, body: { email: other.email, current_password: user.password } });
    expectError(taken, 409);
    const me = await api('GET', '/auth/me', { token: access_token });
    expect(me.json).toMatchObject({ email: user.email, timezone: 'UTC' });
  });
});
