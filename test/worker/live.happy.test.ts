import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { attempts, badges, playerWindowTotals, users, xpEvents } from '../../src/db/schema';
import { windowId } from '../../src/domain/leaderboard-window';
import { levelForXp } from '../../src/domain/levels';
import type { SnapshotMessage, UpdateMessage } from '../../src/hub/live-protocol';
import { createHubNotifier } from '../../src/services/hub';
import { createChallenge, deliver, submitAttempt } from './award-helpers';
import { api, BASE, createUser, openDb, unique, type TestUser } from './helpers';
import { connectLive, type LiveClient } from './live.helpers';

const handle = openDb();
const clients: LiveClient[] = [];
afterAll(async () => {
  for (const client of clients) client.close();
  await handle.close();
});

async function open(query: string) {
  const client = await connectLive(query);
  clients.push(client);
  return client;
}

const isSnapshot = (m: SnapshotMessage) => m.type === 'snapshot';
const updateFor = (player: TestUser) => (m: UpdateMessage) => m.type === 'update' && m.award.user_id === player.id;

/** A player awarded `challenges` × 10,000 XP through the real pipeline (submit, then the queue consumer). */
async function awardedPlayer(challenges = 1): Promise<TestUser> {
  const player = await createUser(handle);
  const attemptIds: string[] = [];
  for (let i = 0; i < challenges; i++) {
    const challenge = await createChallenge(handle, { xp: 10_000 });
    attemptIds.push(await submitAttempt(player.token, challenge.id, 100));
  }
  const result = await deliver(...attemptIds.map((attemptId) => ({ type: 'award' as const, attemptId })));
  expect(result.explicitAcks).toHaveLength(challenges);
  return player;
}

/**
 * XP the player earned two months ago, written as the award would have left it then: the attempt,
 * its ledger row, the all-time total, and the totals of that (long past) week and month.
 */
async function pastXp(player: TestUser, xp: number) {
  const at = new Date(Date.now() - 60 * 86_400_000);
  const challenge = await createChallenge(handle, { xp: 10_000 });
  const [attempt] = await handle.db
    .insert(attempts)
    .values({ userId: player.id, challengeId: challenge.id, status: 'passed', score: 100, startedAt: at, submittedAt: at, awardedAt: at, xpAwarded: xp })
    .returning({ id: attempts.id });
  await handle.db.insert(xpEvents).values({ userId: player.id, attemptId: attempt!.id, challengeId: challenge.id, xp, createdAt: at });
  await handle.db.update(users).set({ totalXp: xp, level: levelForXp(xp), xpReachedAt: at }).where(eq(users.id, player.id));
  await handle.db.insert(playerWindowTotals).values(
    (['week', 'month'] as const).map((window) => ({ userId: player.id, windowId: windowId(window, at), xp, reachedAt: at })),
  );
}

/** The leader's total in a window now (0 on an empty board). */
async function leaderXp(window: 'all' | 'week'): Promise<number> {
  const res = await api('GET', `/leaderboard?window=${window}&limit=1`);
  expect(res.status).toBe(200);
  return (res.json.entries[0]?.total_xp as number | undefined) ?? 0;
}

describe('GET /leaderboard/live: snapshots', () => {
  it('sends the requested window and size as the first message, ranked from 1', async () => {
    const player = await awardedPlayer();
    const wide = await (await open('?window=all&size=100')).next(isSnapshot);
    const narrow = await (await open('?window=all&size=2')).next(isSnapshot);

    expect(wide).toMatchObject({ v: 1, type: 'snapshot', window: 'all', size: 100 });
    expect(wide.entries).toContainEqual({ rank: expect.any(Number), user_id: player.id, username: player.username, total_xp: 10_000, level: 11 });
    expect(wide.entries.map((e) => e.rank)).toEqual(wide.entries.map((_, i) => i + 1));
    expect(narrow).toMatchObject({ window: 'all', size: 2 });
    expect(narrow.entries).toEqual(wide.entries.slice(0, 2));
  });

  it('defaults to the all-time top 10', async () => {
    await awardedPlayer();
    const snapshot = await (await open('')).next(isSnapshot);
    expect(snapshot).toMatchObject({ v: 1, window: 'all', size: 10 });
    expect(snapshot.entries.length).toBeGreaterThan(0);
    expect(snapshot.entries.length).toBeLessThanOrEqual(10);
    expect(snapshot.entries.map((e) => e.rank)).toEqual(snapshot.entries.map((_, i) => i + 1));
    const totals = snapshot.entries.map((e) => e.total_xp);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('subscribe switches window and size and answers with a new snapshot', async () => {
    const player = await awardedPlayer();
    const client = await open('?window=all&size=1');
    await client.next(isSnapshot);
    const week = await client.ask<SnapshotMessage>(JSON.stringify({ type: 'subscribe', window: 'week', size: 100 }), 'snapshot');
    expect(week).toMatchObject({ v: 1, type: 'snapshot', window: 'week', size: 100 });
    expect(week.entries).toContainEqual(expect.objectContaining({ user_id: player.id, total_xp: 10_000 }));
  });

  it('answers the keep-alive ping with the documented texts', async () => {
    const client = await open('');
    await client.next(isSnapshot);
    expect(await client.ask('{"type":"ping"}', 'pong')).toEqual({ type: 'pong' }); // the runtime's auto-response
    expect(await client.ask('{"v":1, "type": "ping"}', 'pong')).toEqual({ v: 1, type: 'pong' }); // the hub's
  });
});

describe('GET /leaderboard/live: updates after an award', () => {
  it('every subscriber gets the new totals and rank, the level-up and the badges, per subscription', async () => {
    const [badge] = await handle.db
      .insert(badges)
      .values({ name: unique('Live Badge '), condition: { type: 'xp', threshold: 9_000 } })
      .returning();
    const [a, b, week] = [await open('?window=all&size=100'), await open('?window=all&size=100'), await open('?window=week&size=100')];
    await Promise.all([a, b, week].map((client) => client.next(isSnapshot)));

    const player = await awardedPlayer();
    const seen = await a.next(updateFor(player));
    expect(seen).toMatchObject({
      v: 1,
      type: 'update',
      window: 'all',
      award: { user_id: player.id, username: player.username, xp_awarded: 10_000, total_xp: 10_000, level: 11 },
      level_up: { user_id: player.id, username: player.username, level: 11 },
    });
    const row = seen.entries.find((e) => e.user_id === player.id);
    expect(row).toEqual({ rank: expect.any(Number), user_id: player.id, username: player.username, total_xp: 10_000, level: 11 });
    expect(seen.badges).toContainEqual({ user_id: player.id, username: player.username, badge_id: badge!.id, name: badge!.name });
    expect(await b.next(updateFor(player))).toEqual(seen);
    const weekly = await week.next(updateFor(player));
    expect(weekly.window).toBe('week');
    expect(weekly.entries).toContainEqual(expect.objectContaining({ user_id: player.id, total_xp: 10_000 }));

    const later = await (await open('?window=all&size=100')).next(isSnapshot);
    expect(later.entries).toContainEqual(row);
  });

  it('a publish through the hub notifier reaches subscribers, without resending unchanged rows', async () => {
    const player = await awardedPlayer();
    const client = await open('?window=all&size=100');
    await client.next(isSnapshot);
    await createHubNotifier(env).publish([{
      v: 1, type: 'award', user_id: player.id, username: player.username, xp_awarded: 0, total_xp: 10_000, level: 11,
      level_up: false, ranks: {}, badges: [], at: new Date().toISOString(),
    }]);
    const update = await client.next(updateFor(player));
    expect(update.award).toMatchObject({ user_id: player.id, xp_awarded: 0 });
    expect(update).not.toHaveProperty('level_up');
    expect(update).not.toHaveProperty('badges');
    expect(update.entries.map((e) => e.user_id)).not.toContain(player.id);
  });

  it('tells a top-1 subscriber who was pushed out', async () => {
    const client = await open('?window=all&size=1');
    const before = await client.next(isSnapshot);
    const leader = before.entries[0];
    const player = await awardedPlayer(Math.floor((leader?.total_xp ?? 0) / 10_000) + 1);
    const update = await client.next<UpdateMessage>((m) => m.type === 'update' && m.entries[0]?.user_id === player.id);
    expect(update.entries).toEqual([expect.objectContaining({ rank: 1, user_id: player.id })]);
    if (leader) expect(update.removed).toContain(leader.user_id);
  });

  it('each subscriber gets its own window’s board: all-time counts XP from two months ago, the week does not', async () => {
    // Leading both boards, so the player's row is in every subscriber's update whatever else is on them.
    const [allLeader, weekLeader] = [await leaderXp('all'), await leaderXp('week')];
    const player = await createUser(handle);
    const old = allLeader + 20_000;
    await pastXp(player, old);
    const [all, week] = [await open('?window=all&size=100'), await open('?window=week&size=100')];
    await Promise.all([all, week].map((client) => client.next(isSnapshot)));

    const challenges = Math.floor(weekLeader / 10_000) + 1;
    const ids: string[] = [];
    for (let i = 0; i < challenges; i++) ids.push(await submitAttempt(player.token, (await createChallenge(handle, { xp: 10_000 })).id, 100));
    expect((await deliver(...ids.map((attemptId) => ({ type: 'award' as const, attemptId })))).retryMessages).toEqual([]);
    const fresh = challenges * 10_000;

    const [allTime, weekly] = [await all.next(updateFor(player)), await week.next(updateFor(player))];
    expect(allTime.window).toBe('all');
    expect(allTime.entries).toContainEqual({ rank: 1, user_id: player.id, username: player.username, total_xp: old + fresh, level: levelForXp(old + fresh) });
    expect(weekly.window).toBe('week');
    expect(weekly.entries).toContainEqual({ rank: 1, user_id: player.id, username: player.username, total_xp: fresh, level: levelForXp(old + fresh) });

    const snapshot = await (await open('?window=week&size=100')).next(isSnapshot);
    expect(snapshot.entries[0]).toMatchObject({ user_id: player.id, total_xp: fresh });
  });
});

describe('GET /openapi.json', () => {
  it('documents /leaderboard/live: the query, the 101 upgrade and the message protocol', async () => {
    const res = await exports.default.fetch(`${BASE}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json<{ paths: Record<string, { get: { description: string; parameters: { name: string }[]; responses: Record<string, unknown> } }> }>();
    const live = doc.paths['/leaderboard/live']!.get;
    expect(Object.keys(live.responses)).toEqual(expect.arrayContaining(['101', '422', '426']));
    expect(live.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['window', 'size', 'upgrade']));
    for (const word of ['"type":"snapshot"', '"type":"update"', '"type":"error"', '"type":"subscribe"', '{"type":"ping"}', '{"type":"pong"}', '1008']) {
      expect(live.description).toContain(word);
    }
  });
});
