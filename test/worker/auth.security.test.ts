import { eq } from 'drizzle-orm';
import { UnsecuredJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { forgeAccessToken, randomIp, refreshWith, registerUser, tokensOf } from './auth-helpers';
import { api, config, errorOf, expectError, openDb, unique } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

function tamperRole(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(atob(payload!.replaceAll('-', '+').replaceAll('_', '/')));
  const changed = btoa(JSON.stringify({ ...claims, role: 'admin' })).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  return `${header}.${changed}.${signature}`;
}

async function expect401(res: Awaited<ReturnType<typeof api>>) {
  expect(res.status, res.text).toBe(401);
  expect(errorOf(res).code).toBe('unauthorized');
}

describe('access tokens that must not pass GET /auth/me', () => {
  it('the genuine token passes (control)', async () => {
    const user = await registerUser();
    expect((await api('GET', '/auth/me', { token: await forgeAccessToken(user.id) })).status).toBe(200);
  });

  it.each([
    ['alg: none', async (id: string) => new UnsecuredJWT({ role: 'player' }).setSubject(id).setIssuer(config.JWT_ISSUER).setAudience(config.JWT_AUDIENCE).setIssuedAt().setExpirationTime('10m').encode()],
    ['a wrong signature', (id: string) => forgeAccessToken(id, { secret: 'another-secret-that-is-long-enough-000000' })],
    ['a wrong aud', (id: string) => forgeAccessToken(id, { aud: 'someone-else' })],
    ['a wrong iss', (id: string) => forgeAccessToken(id, { iss: 'https://evil.example' })],
    ['an expired exp', (id: string) => forgeAccessToken(id, { exp: Math.floor(Date.now() / 1000) - 120 })],
    ['a wrong typ', (id: string) => forgeAccessToken(id, { typ: 'JWT' })],
    ['a payload tampered to role admin', async (id: string) => tamperRole(await forgeAccessToken(id))],
  ])('rejects %s with 401', async (_name, make) => {
    const user = await registerUser();
    await expect401(await api('GET', '/auth/me', { token: await make(user.id) }));
  });

  it('rejects a refresh token sent as Bearer, and an access token sent to /auth/refresh', async () => {
    const user = await registerUser();
    const tokens = await tokensOf(user);
    await expect401(await api('GET', '/auth/me', { token: tokens.refresh_token }));
    await expect401(await refreshWith(tokens.access_token));
    // Neither attempt spent the real refresh token.
    expect((await refreshWith(tokens.refresh_token)).status).toBe(200);
  });

  it('lets only one of two concurrent uses of a refresh token succeed, and revokes the family', async () => {
    const user = await registerUser();
    const { refresh_token } = await tokensOf(user);
    const results = await Promise.all([refreshWith(refresh_token), refreshWith(refresh_token)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    const winner = results.find((r) => r.status === 200)!;
    // The loser looked like a stolen token being replayed: the winner's successor is revoked too.
    await expect401(await refreshWith(winner.json.refresh_token));
  });
});

describe('privilege fields cannot be set by the user', () => {
  it.each([{ role: 'admin' }, { total_xp: 100_000 }, { level: 99 }])('register with %j is 422 and creates nothing', async (extra) => {
    const username = unique('sneaky');
    const res = await api('POST', '/auth/register', {
      body: { username, email: `${username}@example.test`, password: 'long enough password', ...extra },
      headers: { 'CF-Connecting-IP': randomIp() },
    });
    expectError(res, 422);
    expect(errorOf(res).message).toContain(Object.keys(extra)[0]);
    expect(await handle.db.select().from(users).where(eq(users.username, username))).toHaveLength(0);
  });

  it.each([{ role: 'admin' }, { total_xp: 100_000 }, { level: 99 }, { username: 'renamed' }, { password_hash: 'x' }])(
    'PATCH /auth/me with %j is 422 and changes nothing',
    async (extra) => {
      const user = await registerUser();
      const { access_token } = await tokensOf(user);
      const res = await api('PATCH', '/auth/me', { token: access_token, body: { timezone: 'Asia/Tokyo', ...extra } });
      expectError(res, 422);
      const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
      expect(row).toMatchObject({ role: 'player', totalXp: 0, level: 1, username: user.username, timezone: 'UTC' });
    },
  );
});

describe('no secrets in responses', () => {
  it('register, login, refresh, me and PATCH me never show the password hash', async () => {
    const username = unique('leak');
    const password = 'long enough password';
    const ip = randomIp();
    const bodies: string[] = [];
    const reg = await api('POST', '/auth/register', { body: { username, email: `${username}@example.test`, password }, headers: { 'CF-Connecting-IP': ip } });
    bodies.push(reg.text);
    const login = await api('POST', '/auth/login', { body: { username, password }, headers: { 'CF-Connecting-IP': ip } });
    bodies.push(login.text);
    const token = login.json.access_token;
    bodies.push((await refreshWith(login.json.refresh_token)).text);
    bodies.push((await api('GET', '/auth/me', { token })).text);
    bodies.push((await api('PATCH', '/auth/me', { token, body: { password: 'another long password', current_password: password } })).text);
    for (const text of bodies) {
      expect(text).not.toMatch(/password_hash|passwordHash|\$scrypt\$|\$argon2id\$/);
      expect(text).not.toContain(password);
    }
  });
});
