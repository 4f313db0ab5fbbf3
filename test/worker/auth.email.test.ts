import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { registerUser, tokensOf } from './auth-helpers';
import { api, config, errorOf, expectError, openDb, unique } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

async function storedEmail(id: string) {
  const [row] = await handle.db.select({ email: users.email }).from(users).where(eq(users.id, id));
  return row?.email;
}

describe('PATCH /auth/me: an email change needs the current password', () => {
  it('is 422 naming current_password when it is missing or wrong, and changes nothing', async () => {
    const user = await registerUser();
    const { access_token } = await tokensOf(user);
    for (const body of [{ email: `${unique('new')}@example.test` }, { email: `${unique('new')}@example.test`, current_password: 'not my password' }]) {
      const res = await api('PATCH', '/auth/me', { token: access_token, body });
      expectError(res, 422);
      expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'current_password' })]);
    }
    expect(await storedEmail(user.id)).toBe(user.email);
  });

  it('changes the email with the current password', async () => {
    const user = await registerUser();
    const { access_token } = await tokensOf(user);
    const email = `${unique('new')}@example.test`;
    const res = await api('PATCH', '/auth/me', { token: access_token, body: { email, current_password: user.password } });
    expect(res.status, res.text).toBe(200);
    expect(await storedEmail(user.id)).toBe(email);
  });

  it(`can't enumerate registered addresses: after LOGINS_PER_MINUTE (${config.LOGINS_PER_MINUTE}) tries the next is 429`, async () => {
    const user = await registerUser();
    const { access_token } = await tokensOf(user);
    const others = await Promise.all(Array.from({ length: config.LOGINS_PER_MINUTE + 1 }, () => registerUser()));
    const tries = [];
    for (const other of others) {
      tries.push(await api('PATCH', '/auth/me', { token: access_token, body: { email: other.email, current_password: user.password } }));
    }
    expect(tries.slice(0, -1).map((t) => t.status)).toEqual(others.slice(0, -1).map(() => 409));
    const limited = tries.at(-1)!;
    expect(limited.status, limited.text).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limited');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
  });
});
