import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { api, createUser, errorOf, expectError, openDb } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

/** Routes that need the admin role now, not the role an access token was issued with. */
const ADMIN_ONLY = ['/admin/stats', '/metrics'];

describe('admin rights follow the database, not the token', () => {
  it.each(ADMIN_ONLY)('%s: a demoted admin’s unexpired token is refused with 403', async (path) => {
    const admin = await createUser(handle, 'admin');
    expect((await api('GET', path, { token: admin.token })).status).toBe(200);
    await handle.db.update(users).set({ role: 'player' }).where(eq(users.id, admin.id));
    const res = await api('GET', path, { token: admin.token });
    expect(res.status, res.text).toBe(403);
    expect(errorOf(res).code).toBe('forbidden');
  });

  it.each(ADMIN_ONLY)('%s: an admin token whose user no longer exists is refused with 401', async (path) => {
    const admin = await createUser(handle, 'admin');
    await handle.db.delete(users).where(eq(users.id, admin.id));
    const res = await api('GET', path, { token: admin.token });
    expect(res.status, res.text).toBe(401);
    expect(errorOf(res).code).toBe('unauthorized');
  });

  it('an admin-only view of a public route (unpublished challenges) ends with the demotion', async () => {
    const admin = await createUser(handle, 'admin');
    const created = await api('POST', '/challenges', {
      token: admin.token,
      body: { title: `hidden ${admin.username}`, description: 'draft', xp: 10, difficulty: 'easy', tags: [], published: false },
    });
    expect(created.status, created.text).toBe(201);
    expect((await api('GET', `/challenges/${created.json.id}`, { token: admin.token })).status).toBe(200);
    await handle.db.update(users).set({ role: 'player' }).where(eq(users.id, admin.id));
    expectError(await api('GET', `/challenges/${created.json.id}`, { token: admin.token }), 404);
  });
});
