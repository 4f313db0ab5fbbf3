import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { badges } from '../../src/db/schema';
import { api, errorOf, expectError, unique, useAdminAndPlayer } from './helpers';

const accounts = useAdminAndPlayer();
const { handle } = accounts;
let badge: { id: string; name: string };

beforeAll(async () => {
  const res = await api('POST', '/badges', { token: accounts.admin.token, body: { name: unique('Guarded '), condition: { type: 'xp', threshold: 100 } } });
  badge = res.json;
});

const rowOf = async (id: string) => (await handle.db.select().from(badges).where(eq(badges.id, id)))[0];
const countNamed = async (name: string) =>
  (await handle.db.select({ id: badges.id }).from(badges).where(sql`lower(${badges.name}) = lower(${name})`)).length;

describe('admin routes', () => {
  it('the admin check comes before validation: a player gets 403 even for a bad body', async () => {
    const res = await api('POST', '/badges', { token: accounts.player.token, body: { condition: { type: 'nope' } } });
    expect(res.status).toBe(403);
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
    const res = await api('POST', '/badges', { token: accounts.admin.token, body: { name, condition: { type: 'xp', threshold: 1 }, ...extra } });
    expectError(res, 422);
    expect(errorOf(res).message).toContain(key);
    expect(await countNamed(name)).toBe(0);
  });

  it('PUT with an id → 422, nothing changed', async () => {
    const res = await api('PUT', `/badges/${badge.id}`, { token: accounts.admin.token, body: { id: crypto.randomUUID(), description: 'hacked' } });
    expectError(res, 422);
    expect((await rowOf(badge.id))?.description).toBe('');
  });

  it('a body over the size limit → 413, nothing stored', async () => {
    const name = unique('Huge ');
    const res = await api('POST', '/badges', { token: accounts.admin.token, body: { name, description: 'x'.repeat(200_000), condition: { type: 'xp', threshold: 1 } } });
    expect(res.status).toBe(413);
    expect(await countNamed(name)).toBe(0);
  });

  it('a name with markup is stored and returned as plain data, never interpreted', async () => {
    const name = unique('<img src=x onerror=alert(1)> ');
    const res = await api('POST', '/badges', { token: accounts.admin.token, body: { name, condition: { type: 'xp', threshold: 1 } } });
    expect(res.status).toBe(201);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    expect(res.json.name).toBe(name);
  });
});
