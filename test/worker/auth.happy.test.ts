import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { refreshTokens, users } from '../../src/db/schema';
import { hashPassword, verifyPassword } from '../../src/auth/password';
import { loginForm, loginJson, randomIp, refreshWith, refreshWithForm, registerUser, tokensOf } from './auth-helpers';
import { api, openDb, unique } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

async function storedUser(id: string) {
  const [row] = await handle.db.select().from(users).where(eq(users.id, id));
  return row!;
}

describe('register → login → me', () => {
  it('registers a player and answers the user without secrets', async () => {
    const username = unique('Ada');
    const res = await api('POST', '/auth/register', {
      body: { username, email: `${username}@Example.TEST`, password: 'correct horse battery', timezone: 'europe/paris' },
      headers: { 'CF-Connecting-IP': randomIp() },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toEqual({
      id: expect.any(String),
      username,
      email: `${username.toLowerCase()}@example.test`,
      role: 'player',
      total_xp: 0,
      level: 1,
      timezone: 'Europe/Paris',
      created_at: expect.any(String),
    });
    const row = await storedUser(res.json.id);
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await verifyPassword('correct horse battery', row.passwordHash)).toBe(true);
  });

  it('defaults the timezone to UTC', async () => {
    const user = await registerUser();
    expect((await storedUser(user.id)).timezone).toBe('UTC');
  });

  it('logs in with the OAuth2 form (as Swagger UI does) and with JSON, by username or email', async () => {
    const user = await registerUser();
    for (const res of [
      await loginForm(user.username, user.password),
      await loginJson(user.username.toUpperCase(), user.password),
      await loginJson(user.email, user.password),
    ]) {
      expect(res.status, res.text).toBe(200);
      expect(res.json).toEqual({
        access_token: expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+$/),
        refresh_token: expect.stringMatching(/^[\w-]{43}$/),
        token_type: 'bearer',
        expires_in: 900,
      });
      const me = await api('GET', '/auth/me', { token: res.json.access_token });
      expect(me.status).toBe(200);
      expect(me.json).toMatchObject({ id: user.id, username: user.username, email: user.email, role: 'player' });
    }
  });

  it('stores refresh tokens only as SHA-256 hashes', async () => {
    const user = await registerUser();
    const { refresh_token } = await tokensOf(user);
    const rows = await handle.db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.tokenHash).not.toContain(refresh_token);
  });
});

describe('refresh rotation and logout', () => {
  it('rotates: new tokens, the old one is spent, the new one works (JSON and form)', async () => {
    const user = await registerUser();
    const first = await tokensOf(user);
    const second = await refreshWith(first.refresh_token);
    expect(second.status, second.text).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    expect((await api('GET', '/auth/me', { token: second.json.access_token })).status).toBe(200);
    const third = await refreshWithForm(second.json.refresh_token);
    expect(third.status, third.text).toBe(200);
    const rows = await handle.db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.familyId)).size).toBe(1);
    expect(rows.filter((r) => r.usedAt === null)).toHaveLength(1);
  });

  it('reuse of a rotated token is 401 and revokes the whole family, newest token included', async () => {
    const user = await registerUser();
    const first = await tokensOf(user);
    const other = await tokensOf(user); // another session (family) of the same user
    const second = await refreshWith(first.refresh_token);
    expect(second.status).toBe(200);

    const reuse = await refreshWith(first.refresh_token);
    expect(reuse.status).toBe(401);
    expect(reuse.json.error.code).toBe('unauthorized');
    expect((await refreshWith(second.json.refresh_token)).status).toBe(401);
    // Only the compromised family: the other session still refreshes.
    expect((await refreshWith(other.refresh_token)).status).toBe(200);
  });

  it('logout revokes the family, answers 204 and is idempotent', async () => {
    const user = await registerUser();
    const first = await tokensOf(user);
    const second = await refreshWith(first.refresh_token);
    const out = await api('POST', '/auth/logout', { body: { refresh_token: second.json.refresh_token } });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    expect((await refreshWith(second.json.refresh_token)).status).toBe(401);
    const again = await api('POST', '/auth/logout', { body: { refresh_token: second.json.refresh_token } });
    expect(again.status).toBe(204);
    const unknown = await api('POST', '/auth/logout', { body: { refresh_token: 'x'.repeat(43) } });
    expect(unknown.status).toBe(204);
    const rows = await handle.db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
  });
});

describe('PATCH /auth/me', () => {
  it('changes timezone and email', async () => {
    const user = await registerUser();
    const { access_token } = await tokensOf(user);
    const email = `${unique('new')}@Example.test`;
    const res = await api('PATCH', '/auth/me', { token: access_token, body: { timezone: 'Asia/Tokyo', email, current_password: user.password } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ timezone: 'Asia/Tokyo', email: email.toLowerCase(), username: user.username });
    const row = await storedUser(user.id);
    expect([row.timezone, row.email]).toEqual(['Asia/Tokyo', email.toLowerCase()]);
  });

  it('changes the password with the current one and ends every session', async () => {
    const user = await registerUser();
    const { access_token, refresh_token } = await tokensOf(user);
    const res = await api('PATCH', '/auth/me', {
      token: access_token,
      body: { password: 'a brand new passphrase', current_password: user.password },
    });
    expect(res.status, res.text).toBe(200);
    expect((await refreshWith(refresh_token)).status).toBe(401);
    expect((await loginJson(user.username, user.password)).status).toBe(401);
    expect((await loginJson(user.username, 'a brand new passphrase')).status).toBe(200);
  });
});

describe('transparent rehash', () => {
  // Made by the scrypt code Argon2id replaced, for 'correct horse battery staple'.
  const scryptHash = '$scrypt$N=1024,r=8,p=1$vcKkGXAC5xCgRYi1ZwsomA==$u27tiIDO64idafUCaXUzYlT7sRNEivm43HIFOnUyKQs=';
  const password = 'correct horse battery staple';

  async function loginRehashes(oldHash: string) {
    const username = unique('old');
    const [row] = await handle.db
      .insert(users)
      .values({ username, email: `${username}@example.test`, passwordHash: oldHash })
      .returning({ id: users.id });

    expect((await loginForm(username, password)).status).toBe(200);
    const rehashed = (await storedUser(row!.id)).passwordHash;
    expect(rehashed).not.toBe(oldHash);
    expect(rehashed).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/); // the configured cost
    expect(await verifyPassword(password, rehashed)).toBe(true);
    expect((await loginJson(username, password)).status).toBe(200);
    expect((await storedUser(row!.id)).passwordHash).toBe(rehashed); // once at today's cost, left alone
  }

  it('replaces a scrypt hash with Argon2id at the next login', async () => {
    await loginRehashes(scryptHash);
  });

  it('re-hashes an Argon2id hash of another cost at the next login', async () => {
    await loginRehashes(await hashPassword(password, { m: 512, t: 2, p: 1 }));
  });
});

describe('OpenAPI document', () => {
  it('documents both login media types (for Swagger UI’s Authorize) and the protected /auth/me', async () => {
    const doc = (await api('GET', '/openapi.json')).json;
    const login = doc.paths['/auth/login'].post;
    expect(Object.keys(login.requestBody.content).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '401', '422', '429']));
    expect(Object.keys(doc.paths['/auth/refresh'].post.requestBody.content)).toContain('application/x-www-form-urlencoded');
    expect(doc.paths['/auth/me'].patch.security).toEqual([{ bearerAuth: [] }, { oauth2Password: [] }]);
    for (const path of ['/auth/register', '/auth/logout']) expect(doc.paths[path].post).toBeDefined();
  });
});
