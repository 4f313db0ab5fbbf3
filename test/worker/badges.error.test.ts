import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { badges, userBadges } from '../../src/db/schema';
import { api, errorOf, expectError, unique, useAdminAndPlayer } from './helpers';

const accounts = useAdminAndPlayer();
const { handle } = accounts;

const fieldsOf = (res: { json: unknown }) => (errorOf(res).details as { field: string }[]).map((d) => d.field);
const storedNamed = async (name: string) =>
  (await handle.db.select({ id: badges.id }).from(badges).where(sql`lower(${badges.name}) = lower(${name})`)).length;
const nest = (depth: number): unknown => (depth <= 1 ? { type: 'xp', threshold: 1 } : { type: 'all', of: [nest(depth - 1)] });

describe('POST /badges: invalid conditions → 422 naming the field, nothing stored', () => {
  it.each<[string, unknown, string]>([
    ['unknown type', { type: 'karma', points: 3 }, 'condition.type'],
    ['missing type', { threshold: 3 }, 'condition.type'],
    ['bad threshold', { type: 'xp', threshold: 0 }, 'condition.threshold'],
    ['threshold as a string', { type: 'xp', threshold: '500' }, 'condition.threshold'],
    ['unknown key', { type: 'xp', threshold: 5, bonus: true }, 'condition.bonus'],
    ['bad difficulty', { type: 'difficulty_count', difficulty: 'nightmare', count: 1 }, 'condition.difficulty'],
    ['bad child', { type: 'any', of: [{ type: 'xp', threshold: 1 }, { type: 'attempt_count', count: -1 }] }, 'condition.of.1.count'],
    ['unknown child type', { type: 'all', of: [{ type: 'nope' }] }, 'condition.of.0.type'],
    ['empty composite', { type: 'all', of: [] }, 'condition.of'],
    ['too deep', nest(5), 'condition.of.0.of.0.of.0.of.0'],
    ['absurdly deep', nest(2000), 'condition.of.0.of.0.of.0.of.0'],
    ['not an object', 'xp >= 500', 'condition'],
    ['missing', undefined, 'condition'],
  ])('%s → %s', async (_name, condition, field) => {
    const name = unique('Bad ');
    const res = await api('POST', '/badges', { token: accounts.admin.token, body: { name, condition } });
    expectError(res, 422);
    expect(fieldsOf(res)).toContain(field);
    expect(await storedNamed(name)).toBe(0);
  });

  it('names the unknown key of a strict condition in the message', async () => {
    const res = await api('POST', '/badges', { token: accounts.admin.token, body: { name: unique('Bad '), condition: { type: 'xp', threshold: 5, bonus: true } } });
    expect(errorOf(res).message).toContain('bonus');
  });
});

describe('POST /badges: other bad fields', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['http icon', { icon_url: 'http://example.com/a.png' }, 'icon_url'],
    ['javascript icon', { icon_url: 'javascript:alert(1)' }, 'icon_url'],
    ['data icon', { icon_url: 'data:image/svg+xml,<svg/>' }, 'icon_url'],
    ['protocol-relative icon', { icon_url: '//evil.example/a.png' }, 'icon_url'],
    ['backslash icon', { icon_url: '/\\evil.example/a.png' }, 'icon_url'],
    ['icon with credentials', { icon_url: 'https://user:pw@example.com/a.png' }, 'icon_url'],
    ['icon over 2048 chars', { icon_url: `https://example.com/${'a'.repeat(2030)}` }, 'icon_url'],
    ['empty name', { name: '  ' }, 'name'],
    ['name over 100 chars', { name: 'N'.repeat(101) }, 'name'],
    ['name with control characters', { name: 'bell\u0007' }, 'name'],
    ['description over 1000 chars', { description: 'd'.repeat(1001) }, 'description'],
  ])('%s → 422 naming %s', async (_name, override, field) => {
    const body = { name: unique('Bad '), condition: { type: 'xp', threshold: 1 }, ...override };
    const res = await api('POST', '/badges', { token: accounts.admin.token, body });
    expectError(res, 422);
    expect(fieldsOf(res)).toContain(field);
    if (typeof body.name === 'string' && body.name.trim()) expect(await storedNamed(body.name)).toBe(0);
  });

  it('a duplicate name, in any case → 409', async () => {
    const name = unique('Dup ');
    expect((await api('POST', '/badges', { token: accounts.admin.token, body: { name, condition: { type: 'level', level: 2 } } })).status).toBe(201);
    const res = await api('POST', '/badges', { token: accounts.admin.token, body: { name: name.toUpperCase(), condition: { type: 'level', level: 3 } } });
    expectError(res, 409);
    expect(await storedNamed(name)).toBe(1);
  });
});

describe('PUT /badges/{id}: errors change nothing', () => {
  it('an invalid condition → 422 naming it; the stored condition is unchanged', async () => {
    const badge = (await api('POST', '/badges', { token: accounts.admin.token, body: { name: unique('P '), condition: { type: 'level', level: 2 } } })).json;
    const [before] = await handle.db.select().from(badges).where(eq(badges.id, badge.id));
    const res = await api('PUT', `/badges/${badge.id}`, { token: accounts.admin.token, body: { condition: { type: 'level', level: 1001 } } });
    expectError(res, 422);
    expect(fieldsOf(res)).toContain('condition.level');
    const [row] = await handle.db.select().from(badges).where(eq(badges.id, badge.id));
    expect(row).toEqual(before);
    expect(row?.condition).toEqual({ type: 'level', level: 2 });
  });

  it("another badge's name → 409; an empty body → 422; unknown id → 404; malformed id → 422", async () => {
    const a = (await api('POST', '/badges', { token: accounts.admin.token, body: { name: unique('A '), condition: { type: 'level', level: 2 } } })).json;
    const b = (await api('POST', '/badges', { token: accounts.admin.token, body: { name: unique('B '), condition: { type: 'level', level: 2 } } })).json;
    const [before] = await handle.db.select().from(badges).where(eq(badges.id, b.id));
    expectError(await api('PUT', `/badges/${b.id}`, { token: accounts.admin.token, body: { name: a.name.toLowerCase() } }), 409);
    expectError(await api('PUT', `/badges/${b.id}`, { token: accounts.admin.token, body: {} }), 422);
    expectError(await api('PUT', `/badges/${crypto.randomUUID()}`, { token: accounts.admin.token, body: { description: 'x' } }), 404);
    expectError(await api('PUT', '/badges/not-an-id', { token: accounts.admin.token, body: { description: 'x' } }), 422);
    const [row] = await handle.db.select().from(badges).where(eq(badges.id, b.id));
    expect(row).toEqual(before);
    expect(row?.name).toBe(b.name);
  });
});

describe('DELETE /badges/{id}: errors', () => {
  it('an earned badge → 409; the badge and the award stay', async () => {
    const badge = (await api('POST', '/badges', { token: accounts.admin.token, body: { name: unique('Kept '), condition: { type: 'level', level: 2 } } })).json;
    await handle.db.insert(userBadges).values({ userId: accounts.player.id, badgeId: badge.id });
    const res = await api('DELETE', `/badges/${badge.id}`, { token: accounts.admin.token });
    expectError(res, 409);
    expect(await handle.db.select().from(badges).where(eq(badges.id, badge.id))).toHaveLength(1);
    expect(await handle.db.select().from(userBadges).where(eq(userBadges.badgeId, badge.id))).toHaveLength(1);
  });

  it('unknown id → 404; malformed id → 422', async () => {
    expectError(await api('DELETE', `/badges/${crypto.randomUUID()}`, { token: accounts.admin.token }), 404);
    expectError(await api('DELETE', '/badges/1%20or%201=1', { token: accounts.admin.token }), 422);
  });
});

describe('reads: bad input', () => {
  it.each(['limit=101', 'limit=0', 'offset=-1', 'offset=abc'])('GET /badges?%s → 422', async (query) => {
    const res = await api('GET', `/badges?${query}`);
    expectError(res, 422);
    expect(fieldsOf(res)[0]).toBe(query.split('=')[0]);
  });

  it('an unknown user → 404 on both paths; a malformed id → 422', async () => {
    for (const path of ['/users/{id}/badges', '/badges/users/{id}']) {
      const unknown = await api('GET', path.replace('{id}', crypto.randomUUID()));
      expectError(unknown, 404);
      expectError(await api('GET', path.replace('{id}', 'nobody')), 422);
    }
  });
});
