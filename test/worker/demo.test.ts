import { afterAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../seed/data';
import { hashPassword, parsePasswordParams } from '../../src/auth/password';
import { users } from '../../src/db/schema';
import { apiWithEnv } from './env-helpers';
import { api, config, errorOf, openDb } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

/** One seeded demo player in the shared test database (another file may have made it already). */
async function seedCarol() {
  const carol = demoUsers.find((user) => user.username === 'carol')!;
  const passwordHash = await hashPassword(carol.password, parsePasswordParams(config.PASSWORD_HASH_PARAMS));
  const { password: _plain, ...row } = carol;
  await handle.db.insert(users).values({ ...row, passwordHash }).onConflictDoNothing();
}

describe('GET /demo/accounts', () => {
  it('in development: the demo logins that exist here, with their published passwords', async () => {
    await seedCarol();
    const res = await apiWithEnv({ APP_ENV: 'development' }, '/demo/accounts');
    expect(res.status).toBe(200);
    expect(res.json.accounts).toContainEqual({ username: 'carol', password: 'carol-demo-pass', role: 'player' });
    const published = demoUsers.map(({ username, password, role }) => ({ username, password, role }));
    for (const account of res.json.accounts) expect(published).toContainEqual(account);
  });

  it('anywhere but development it is a 404, even with the demo users in the database', async () => {
    await seedCarol();
    const res = await api('GET', '/demo/accounts'); // APP_ENV=test
    expect(res.status).toBe(404);
    expect(errorOf(res)).toMatchObject({ code: 'not_found', message: 'Demo accounts are offered only in development' });
    expect(res.text).not.toContain('demo-pass');
  });
});
