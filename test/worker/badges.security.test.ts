import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badges } from '../../src/db/schema';
import { api, createUser, errorOf, openDb, unique, type TestUser } from './helpers';

const handle = openDb();
let admin: TestUser;
let player: TestUser;
let badge: { id: string; name: string };

beforeAll(async () => {
  admin = await createUser(handle, 'admin');
  player = await createUser(handle, 'player');
  const res = await api('POST', '/badges', { token: admin.token, body: { name: unique('Guarded '), condition: { type: 'xp', threshold: 100 } } });
  badge = res.json;
});
afterAll(() => handle.close());

const rowOf = async (id: string) => (await handle.db.select().from(badges).where(eq(badges.id, id)))[0];
const countNamed = async (name: string) =>
  (await handle.db.select({ id: badges.id }).from(badges).where(sql`lower(${badges.name}) = lower(${name})`)).length;

describe('admin routes', () => {
  const writes = (name: string) =>
    [
      ['POST', '/badges', { name, condition: { type: 'xp', threshold: 1 } }],
      ['PUT', `/badges/${badge.id}`, { name, condition: { type: 'xp', threshold: 1 } }],
      ['DELETE', `/badges/${badge.id}`, undefined],
    ] as const;

  it('no token → 401; nothing created, changed or deleted', async () => {
    const name = unique('Anon ');
    for (const [method, path, body] of writes(name)) {
      const res = await api(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(errorOf(res).code).toBe('unauthorized');
    }
    expect(await countNamed(name)).toBe(0);
    expect(await rowOf(badge.id)).toMatchObject({ name: badge.name, condition: { type: 'xp', threshold: 100 } });
  });

  it('a player token → 403; nothing created, changed or deleted', async () => {
    const name = unique('Player ');
    for (const [method, path, body] of writes(name)) {
      const res = await api(method, path, { token: player.token, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(errorOf(res).code).toBe('forbidden');
    }
    expect(await countNamed(name)).toBe(0);
    expect(await rowOf(badge.id)).toMatchObject({ name: badge.name, condition: { type: 'xp', threshold: 100 } });
  });

  it('the admin check comes before validation: a player gets 403 even for a bad body', async () => {
    const res = await api('POST', '/badges', { token: player.token, body: { condition: { type: 'nope' } } });
    expect(res.status).toBe(403);
  });
});

describe('GET /badges/me', () => {
  it('needs a token', async () => {
    const res = await api('GET', '/badges/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
  });
});

describe('allow-listed bodies', () => {
  it.each([
    ['id', { id: '9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d' }],
    ['created_at', { created_at: '2020-01-01T00:00:00Z' }],
    ['updated_at', { updated_at: '2020-01-01T00:00:00Z' }],
    ['condition_text', { condition_text: 'free badge' }],
  ])('POST with %s → 422, nothing stored', async (key, extra) => {
    const name = unique('Mass ');
    const res = await api('POST', '/badges', { token: admin.token, body: { name, condition: { type: 'xp', threshold: 1 }, ...extra } });
    expect(res.status).toBe(422);
    expect(errorOf(res).message).toContain(key);
    expect(await countNamed(name)).toBe(0);
  });

  it('PUT with an id → 422, nothing changed', async () => {
    const res = await api('PUT', `/badges/${badge.id}`, { token: admin.token, body: { id: crypto.randomUUID(), description: 'hacked' } });
    expect(res.status).toBe(422);
    expect((await rowOf(badge.id))?.description).toBe('');
  });

  it('a body over the size limit → 413, nothing stored', async () => {
    const name = unique('Huge ');
    const res = await api('POST', '/badges', { token: admin.token, body: { name, description: 'x'.repeat(200_000), condition: { type: 'xp', threshold: 1 } } });
    expect(res.status).toBe(413);
    expect(await countNamed(name)).toBe(0);
  });

  it('a name with markup is stored and returned as plain data, never interpreted', async () => {
    const name = unique('<img src=x onerror=alert(1)> ');
    const res = await api('POST', '/badges', { token: admin.token, body: { name, condition: { type: 'xp', threshold: 1 } } });
    expect(res.status).toBe(201);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    expect(res.json.name).toBe(name);
  });
});
