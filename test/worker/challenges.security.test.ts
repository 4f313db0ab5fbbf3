import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attempts, challenges } from '../../src/db/schema';
import { api, errorOf, expectError, unique, useAdminAndPlayer } from './helpers';

const accounts = useAdminAndPlayer();
const { handle } = accounts;
let tag: string;
let live: { id: string; title: string };
let draft: { id: string };
let archived: { id: string };

const create = async (body: Record<string, unknown>) => {
  const res = await api('POST', '/challenges', { token: accounts.admin.token, body: { title: unique('Sec '), xp: 50, difficulty: 'easy', tags: [tag], ...body } });
  expect(res.status, res.text).toBe(201);
  return res.json;
};

beforeAll(async () => {
  tag = unique('s').toLowerCase();
  live = await create({ published: true });
  draft = await create({ published: false });
  archived = await create({ published: true });
  await handle.db.insert(attempts).values({ userId: accounts.player.id, challengeId: archived.id });
  expect((await api('DELETE', `/challenges/${archived.id}`, { token: accounts.admin.token })).status).toBe(204);
});

const rowOf = async (id: string) => (await handle.db.select().from(challenges).where(eq(challenges.id, id)))[0];

describe('players never see unpublished or archived challenges', () => {
  it('the listing shows only the live one, with or without a player token', async () => {
    for (const token of [undefined, accounts.player.token]) {
      const res = await api('GET', `/challenges?tag=${tag}`, { token });
      expect(res.json.items.map((c: { id: string }) => c.id)).toEqual([live.id]);
    }
  });

  it('GET by id is a 404 for drafts and archived challenges', async () => {
    for (const id of [draft.id, archived.id]) {
      for (const token of [undefined, accounts.player.token]) {
        const res = await api('GET', `/challenges/${id}`, { token });
        expectError(res, 404);
      }
    }
  });

  it('the admin-only listing flags → 403 for a player, 401 anonymously', async () => {
    for (const flag of ['include_unpublished', 'include_archived']) {
      expect((await api('GET', `/challenges?tag=${tag}&${flag}=true`, { token: accounts.player.token })).status).toBe(403);
      expect((await api('GET', `/challenges?tag=${tag}&${flag}=true`)).status).toBe(401);
    }
  });

});

describe('allow-listed bodies and responses', () => {
  it.each([
    ['id', { id: '5b0f7a8e-3c1d-4e2f-9a6b-7c8d9e0f1a2b' }],
    ['created_by', { created_by: '5b0f7a8e-3c1d-4e2f-9a6b-7c8d9e0f1a2b' }],
    ['archived_at', { archived_at: null }],
    ['created_at', { created_at: '2020-01-01T00:00:00Z' }],
    ['updated_at', { updated_at: '2020-01-01T00:00:00Z' }],
  ])('POST with %s → 422, nothing stored', async (key, extra) => {
    const title = unique('Mass ');
    const res = await api('POST', '/challenges', { token: accounts.admin.token, body: { title, xp: 5, difficulty: 'easy', ...extra } });
    expectError(res, 422);
    expect(errorOf(res).message).toContain(key);
    expect(await handle.db.select().from(challenges).where(eq(challenges.title, title))).toEqual([]);
  });

  it('PUT with archived_at or created_by → 422, nothing changed', async () => {
    for (const extra of [{ archived_at: null }, { created_by: accounts.player.id }]) {
      const res = await api('PUT', `/challenges/${live.id}`, { token: accounts.admin.token, body: { xp: 77, ...extra } });
      expectError(res, 422);
    }
    expect(await rowOf(live.id)).toMatchObject({ xp: 50, createdBy: accounts.admin.id });
  });

  it('no response leaks created_by or archived_at, even an admin viewing an archived challenge', async () => {
    const responses = [
      await api('GET', `/challenges?tag=${tag}&include_unpublished=true&include_archived=true`, { token: accounts.admin.token }),
      await api('GET', `/challenges/${archived.id}`, { token: accounts.admin.token }),
      await api('PUT', `/challenges/${live.id}`, { token: accounts.admin.token, body: { description: 'still live' } }),
    ];
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/created_by|createdBy|archived_at|archivedAt/);
    }
    expect(responses[0]!.json.items).toHaveLength(3);
  });
});
