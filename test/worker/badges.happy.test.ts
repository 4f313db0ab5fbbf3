import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { attempts, badges, userBadges } from '../../src/db/schema';
import { deliver } from './award-helpers';
import { api, createUser, unique, useAdminAndPlayer } from './helpers';

const accounts = useAdminAndPlayer();
const { handle } = accounts;

async function createBadge(body: Record<string, unknown> = {}) {
  const res = await api('POST', '/badges', {
    token: accounts.admin.token,
    body: { name: unique('Badge '), condition: { type: 'xp', threshold: 500 }, ...body },
  });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

describe('POST /badges', () => {
  it('creates a badge with its condition in words, storing the parsed condition', async () => {
    const name = unique('Query Master ');
    const condition = { type: 'any', of: [{ type: 'tag_count', tag: 'SQL', count: 2 }, { type: 'difficulty_count', difficulty: 'hard', count: 1 }] };
    const res = await api('POST', '/badges', {
      token: accounts.admin.token,
      body: { name, description: 'SQL or hard', condition, icon_url: '/icons/qm.svg' },
    });
    expect(res.status, res.text).toBe(201);
    const parsed = { type: 'any', of: [{ type: 'tag_count', tag: 'sql', count: 2 }, { type: 'difficulty_count', difficulty: 'hard', count: 1 }] };
    expect(res.json).toEqual({
      id: expect.any(String),
      name,
      description: 'SQL or hard',
      condition: parsed,
      condition_text: 'Any of: Pass 2 challenges tagged sql; Pass 1 hard challenge',
      icon_url: '/icons/qm.svg',
    });
    const [row] = await handle.db.select().from(badges).where(eq(badges.id, res.json.id));
    expect(row?.condition).toEqual(parsed);
  });

  it('accepts the plan’s {"type":"streak","days":7} and stores it as consecutive_days', async () => {
    const badge = await createBadge({ condition: { type: 'streak', days: 7 } });
    expect(badge).toMatchObject({ condition: { type: 'consecutive_days', days: 7 }, condition_text: 'Pass a challenge on 7 consecutive days' });
    const [row] = await handle.db.select().from(badges).where(eq(badges.id, badge.id));
    expect(row?.condition).toEqual({ type: 'consecutive_days', days: 7 });
  });

  it('accepts an https icon and defaults description and icon_url', async () => {
    expect(await createBadge({ icon_url: 'https://cdn.example.com/b.png' })).toMatchObject({ icon_url: 'https://cdn.example.com/b.png' });
    expect(await createBadge()).toMatchObject({ description: '', icon_url: null, condition_text: 'Earn 500 XP' });
  });
});

describe('GET /badges', () => {
  it('pages with limit and offset; total counts them all and pages do not overlap', async () => {
    const mine = [await createBadge(), await createBadge(), await createBadge()];
    const first = await api('GET', '/badges?limit=100');
    expect(first.status).toBe(200);
    const total: number = first.json.total;
    expect(total).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    for (let offset = 0; offset < total; offset += 2) {
      const page = await api('GET', `/badges?limit=2&offset=${offset}`);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.items.map((b: { id: string }) => b.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(mine.map((b) => b.id)));
    const beyond = await api('GET', `/badges?offset=${total + 5}`);
    expect(beyond.json).toMatchObject({ items: [], total: expect.any(Number) });
  });
});

describe('PUT /badges/{id}', () => {
  it('changes only the given fields', async () => {
    const badge = await createBadge({ description: 'keep', icon_url: '/keep.svg' });
    const res = await api('PUT', `/badges/${badge.id}`, { token: accounts.admin.token, body: { condition: { type: 'level', level: 5 } } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ ...badge, condition: { type: 'level', level: 5 }, condition_text: 'Reach level 5' });
  });

  it('can clear the icon with null', async () => {
    const badge = await createBadge({ icon_url: '/x.svg' });
    const res = await api('PUT', `/badges/${badge.id}`, { token: accounts.admin.token, body: { icon_url: null } });
    expect(res.json.icon_url).toBeNull();
  });
});

describe('DELETE /badges/{id}', () => {
  it('removes a badge nobody has earned', async () => {
    const badge = await createBadge();
    expect((await api('DELETE', `/badges/${badge.id}`, { token: accounts.admin.token })).status).toBe(204);
    expect(await handle.db.select().from(badges).where(eq(badges.id, badge.id))).toEqual([]);
  });
});

describe("a user's earned badges", () => {
  it('GET /users/{id}/badges, /badges/users/{id} (deprecated) and /badges/me answer the same', async () => {
    const earner = await createUser(handle, 'player');
    const older = await createBadge();
    const newer = await createBadge({ condition: { type: 'attempt_count', count: 5, distinct: true } });
    await createBadge(); // not earned
    await handle.db.insert(userBadges).values([
      { userId: earner.id, badgeId: older.id, awardedAt: new Date('2026-01-01T10:00:00Z') },
      { userId: earner.id, badgeId: newer.id, awardedAt: new Date('2026-01-02T10:00:00Z') },
    ]);
    const res = await api('GET', `/users/${earner.id}/badges`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      items: [
        { ...newer, awarded_at: '2026-01-02T10:00:00.000Z' },
        { ...older, awarded_at: '2026-01-01T10:00:00.000Z' },
      ],
      total: 2,
    });
    const deprecated = await api('GET', `/badges/users/${earner.id}`);
    expect(deprecated.status).toBe(200);
    expect(deprecated.json).toEqual(res.json);
    const me = await api('GET', '/badges/me', { token: earner.token });
    expect(me.json).toEqual(res.json);
    const paged = await api('GET', `/users/${earner.id}/badges?limit=1&offset=1`);
    expect(paged.json).toEqual({ items: [res.json.items[1]], total: 2 });
  });

  it('a user with no badges gets an empty list', async () => {
    expect((await api('GET', `/users/${accounts.player.id}/badges`)).json).toEqual({ items: [], total: 0 });
    expect((await api('GET', '/badges/me', { token: accounts.player.token })).json).toEqual({ items: [], total: 0 });
  });
});

describe('backfill through the awards queue', () => {
  // A player who passed a challenge carrying a tag nobody else has: only they qualify for badges on it.
  async function qualifier(tag: string) {
    const user = await createUser(handle, 'player');
    const challenge = await api('POST', '/challenges', {
      token: accounts.admin.token,
      body: { title: unique('Backfill '), xp: 10, difficulty: 'easy', tags: [tag], published: true },
    });
    // Passed through the award pipeline, which keeps the stats badge conditions read.
    const [attempt] = await handle.db
      .insert(attempts)
      .values({ userId: user.id, challengeId: challenge.json.id, status: 'passed', score: 90, submittedAt: new Date() })
      .returning({ id: attempts.id });
    await deliver({ type: 'award', attemptId: attempt!.id });
    return user;
  }
  const earnedIds = async (userId: string) =>
    (await api('GET', `/users/${userId}/badges?limit=100`)).json.items.map((b: { id: string }) => b.id);
  const waitUntilEarned = (userId: string, badgeId: string) =>
    vi.waitFor(async () => expect(await earnedIds(userId)).toContain(badgeId), { timeout: 50_000, interval: 500 });

  it('a badge created later reaches the players who already qualify', { timeout: 60_000 }, async () => {
    const tag = unique('bf').toLowerCase();
    const user = await qualifier(tag);
    const badge = await createBadge({ condition: { type: 'tag_count', tag, count: 1 } });
    await waitUntilEarned(user.id, badge.id);
    expect(await earnedIds(accounts.player.id)).not.toContain(badge.id);
  });

  it('a changed condition is backfilled too', { timeout: 60_000 }, async () => {
    const tag = unique('bf').toLowerCase();
    const user = await qualifier(tag);
    const badge = await createBadge({ condition: { type: 'tag_count', tag: unique('none').toLowerCase(), count: 1 } });
    const res = await api('PUT', `/badges/${badge.id}`, { token: accounts.admin.token, body: { condition: { type: 'tag_count', tag, count: 1 } } });
    expect(res.status).toBe(200);
    await waitUntilEarned(user.id, badge.id);
  });
});

describe('/openapi.json', () => {
  it('marks /badges/users/{id} deprecated and documents the badge routes', async () => {
    const res = await api('GET', '/openapi.json');
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    const doc = res.json;
    expect(doc.paths['/badges/users/{id}'].get.deprecated).toBe(true);
    expect(doc.paths['/users/{id}/badges'].get.deprecated).not.toBe(true);
    expect(Object.keys(doc.paths['/badges'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/badges/{id}'])).toEqual(expect.arrayContaining(['put', 'delete']));
    expect(doc.paths['/badges'].post.responses).toHaveProperty('409');
    expect(doc.components.schemas.BadgeCondition).toBeDefined();
    expect(doc.components.schemas.CreateBadge.properties.condition).toBeDefined();
  });
});
