import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { levelForXp } from '../../src/domain/levels';
import { standings } from '../../src/services/leaderboard/standings';
import { createChallenge, deliver, submitAttempt } from './award-helpers';
import { api, config, createUser, errorOf, expectError, openDb, type TestUser } from './helpers';
import { award } from './pipeline-helpers';

const handle = openDb();
afterAll(() => handle.close());

interface Entry {
  rank: number;
  user_id: string;
  username: string;
  total_xp: number;
  level: number;
}

/** Earns `xp` for a player through the real pipeline (a perfect score on a fresh challenge); returns the attempt. */
async function earn(player: TestUser, xp: number): Promise<string> {
  const challenge = await createChallenge(handle, { xp });
  const attemptId = await submitAttempt(player.token, challenge.id, 100);
  expect((await deliver(award(attemptId))).retryMessages).toHaveLength(0);
  return attemptId;
}
const rankOf = async (userId: string) => (await api('GET', `/leaderboard/around/${userId}?radius=1`)).json.rank as number;
const sqlOrder = async (ids: string[]) => (await standings(handle.db, 'all', new Date())).map((s) => s.userId).filter((id) => ids.includes(id));

describe('GET /leaderboard', () => {
  let top: TestUser;
  let second: TestUser;
  beforeAll(async () => {
    [top, second] = await Promise.all([createUser(handle), createUser(handle)]);
    for (let i = 0; i < 3; i++) await earn(top, 10_000); // far above anything other test files earn
    for (let i = 0; i < 2; i++) await earn(second, 10_000);
  });

  it('lists the top N best first, with usernames and levels, ranks 1…N', async () => {
    const res = await api('GET', '/leaderboard?limit=100');
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Leaderboard-Source')).toBe('redis');
    expect(res.json.window).toBe('all');
    const entries: Entry[] = res.json.entries;
    expect(entries.map((e) => e.rank)).toEqual(entries.map((_, i) => i + 1));
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.total_xp).toBeLessThanOrEqual(entries[i - 1]!.total_xp);

    const ids = entries.map((e) => e.user_id);
    expect(ids.indexOf(top.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(top.id)).toBeLessThan(ids.indexOf(second.id));
    const rows = await handle.db.select().from(users).where(inArray(users.id, ids));
    // Other files award concurrently (a total can be committed a moment before it is published),
    // so exact totals are checked for this file's players only.
    for (const entry of entries) expect(entry.username).toBe(rows.find((r) => r.id === entry.user_id)?.username);
    expect(entries.find((e) => e.user_id === top.id)).toEqual({ rank: expect.any(Number), user_id: top.id, username: top.username, total_xp: 30_000, level: levelForXp(30_000) });
    expect(entries.find((e) => e.user_id === second.id)).toMatchObject({ username: second.username, total_xp: 20_000, level: levelForXp(20_000) });

    const firstTwo = await api('GET', '/leaderboard?limit=2');
    expect(firstTwo.json.entries).toHaveLength(Math.min(2, entries.length));
  });

  it.each([
    ['limit=101', 'limit'],
    ['limit=0', 'limit'],
    ['limit=ten', 'limit'],
    ['window=year', 'window'],
    ['window=ALL', 'window'],
  ])('%s → 422 naming %s', async (query, field) => {
    const res = await api('GET', `/leaderboard?${query}`);
    expectError(res, 422);
    expect((errorOf(res).details as { field: string }[]).map((d) => d.field)).toContain(field);
  });

  it('shows a player with the neighbours above and below and their ranks', async () => {
    const res = await api('GET', `/leaderboard/around/${second.id}?radius=2`);
    expect(res.status).toBe(200);
    const { rank, entries } = res.json as { rank: number; entries: Entry[] };
    const mine = entries.find((e) => e.user_id === second.id);
    expect(mine).toMatchObject({ rank, username: second.username, total_xp: 20_000 });
    expect(entries.map((e) => e.rank)).toEqual(entries.map((_, i) => entries[0]!.rank + i));
    expect(entries[0]!.rank).toBe(Math.max(1, rank - 2));
    expect(entries.length).toBeLessThanOrEqual(5);
    expect(entries.find((e) => e.user_id === top.id)?.rank).toBeLessThan(rank);
    const board = (await api('GET', `/leaderboard?limit=${Math.min(100, rank + 2)}`)).json.entries as Entry[];
    expect(board.slice(entries[0]!.rank - 1, entries[0]!.rank - 1 + entries.length)).toEqual(entries);
  });

  it('still answers from Redis after Redis has dropped its scripts (SCRIPT FLUSH): the text is sent again', async () => {
    const flush = await fetch(config.UPSTASH_REDIS_REST_URL, {
      method: 'POST',
      headers: { Authorization: `Bearer ${config.UPSTASH_REDIS_REST_TOKEN}` },
      body: JSON.stringify(['SCRIPT', 'FLUSH']),
    });
    expect(await flush.json()).toEqual({ result: 'OK' });
    const board = await api('GET', '/leaderboard?limit=100');
    expect(board.headers.get('X-Leaderboard-Source')).toBe('redis');
    expect((board.json.entries as Entry[]).find((e) => e.user_id === top.id)).toMatchObject({ username: top.username, total_xp: 30_000 });

    await fetch(config.UPSTASH_REDIS_REST_URL, { method: 'POST', headers: { Authorization: `Bearer ${config.UPSTASH_REDIS_REST_TOKEN}` }, body: '["SCRIPT","FLUSH"]' });
    const around = await api('GET', `/leaderboard/around/${second.id}?radius=1`);
    expect(around.headers.get('X-Leaderboard-Source')).toBe('redis');
    expect((around.json.entries as Entry[]).find((e) => e.user_id === second.id)).toMatchObject({ rank: around.json.rank, total_xp: 20_000 });
  });

  it('around: an unknown user is 404, a malformed id 422, a player without XP has rank null', async () => {
    expectError(await api('GET', `/leaderboard/around/${crypto.randomUUID()}`), 404);
    expectError(await api('GET', '/leaderboard/around/not-a-uuid'), 422);
    expectError(await api('GET', `/leaderboard/around/${top.id}?radius=26`), 422);
    const newcomer = await createUser(handle);
    const res = await api('GET', `/leaderboard/around/${newcomer.id}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ window: 'all', user_id: newcomer.id, rank: null, entries: [] });
  });
});

describe('ties: equal XP goes to whoever reached it first', () => {
  it('the player whose award committed first (a second earlier) ranks higher, in Redis and in SQL', async () => {
    const [first, later] = await Promise.all([createUser(handle), createUser(handle)]);
    await earn(first, 7_777);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await earn(later, 7_777);
    expect(await rankOf(first.id)).toBeLessThan(await rankOf(later.id));
    expect(await sqlOrder([first.id, later.id])).toEqual([first.id, later.id]);
  });

  it('within the same second, the greater user id ranks higher, in Redis and in SQL alike', async () => {
    const players = await Promise.all([createUser(handle), createUser(handle)]);
    const attempts = [await earn(players[0]!, 7_776), await earn(players[1]!, 7_776)];
    // Same total reached in the same second (an hour ago); a replayed award republishes the absolute totals.
    const ids = players.map((p) => p.id);
    await handle.db.update(users).set({ xpReachedAt: sql`date_trunc('second', now()) - interval '1 hour'` }).where(inArray(users.id, ids));
    await deliver(...attempts.map(award));
    const expected = [...ids].sort().reverse();
    const [a, b] = await Promise.all(expected.map(rankOf));
    expect(a).toBeLessThan(b!);
    expect(await sqlOrder(ids)).toEqual(expected);
    const [row] = await handle.db.select({ at: users.xpReachedAt }).from(users).where(eq(users.id, ids[0]!));
    expect(row!.at.getTime() % 1000).toBe(0);
  });
});
