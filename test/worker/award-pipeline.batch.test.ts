import { env } from 'cloudflare:workers';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { attempts, badges, userBadges } from '../../src/db/schema';
import { levelForXp } from '../../src/domain/levels';
import type { SnapshotMessage, UpdateMessage } from '../../src/hub/live-protocol';
import type { QueueMessage } from '../../src/queue/messages';
import { createLeaderboard, leaderboardKey } from '../../src/services/leaderboard/boards';
import { playersKey } from '../../src/services/leaderboard/players';
import { rebuildBoard } from '../../src/services/leaderboard/rebuild';
import { createRedis } from '../../src/services/redis';
import { createDb } from '../../src/db/client';
import { createChallenge, deliver, deliverWithEnv } from './award-helpers';
import { DEAD_REDIS } from './env-helpers';
import { config, createUser, openDb, unique, type TestUser } from './helpers';
import { connectLive, type LiveClient } from './live.helpers';
import { award, insertSubmittedAttempt, playerState } from './pipeline-helpers';

const handle = openDb();
const redis = createRedis(config);
const clients: LiveClient[] = [];
afterAll(async () => {
  for (const client of clients) client.close();
  await handle.close();
});

/** Players with one submitted perfect pass each on an `xp` challenge, not yet awarded: one batch's worth. */
async function burst(players: number, xp = 100) {
  const list = await Promise.all(Array.from({ length: players }, () => createUser(handle)));
  const messages: QueueMessage[] = [];
  for (const player of list) {
    const challenge = await createChallenge(handle, { xp });
    messages.push(award(await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 100 })));
  }
  return { players: list, messages };
}

/** Every update this client got that names one of the players; a pong first, so all sent before are in. */
async function updatesAbout(client: LiveClient, players: TestUser[]) {
  await client.ask('{"v":1,"type":"ping"}', 'pong');
  const ids = new Set(players.map((p) => p.id));
  return (client.received as UpdateMessage[]).filter((m) => m.type === 'update' && m.awards.some((a) => ids.has(a.user_id)));
}

const announcedAt = async (messages: QueueMessage[]) => {
  const ids = messages.map((m) => (m as { attemptId: string }).attemptId);
  const rows = await handle.db.select({ id: attempts.id, at: attempts.announcedAt }).from(attempts).where(inArray(attempts.id, ids));
  return new Map(rows.map((r) => [r.id, r.at?.getTime() ?? null]));
};

describe('one queue batch of awards is published once', () => {
  it('a live subscriber gets ONE update with every award and every player of the batch; a replay of the batch announces nothing', async () => {
    const client = await connectLive('?window=all&size=100');
    clients.push(client);
    await client.next<SnapshotMessage>((m) => m.type === 'snapshot');
    // 10,000 XP: in the top 100 (as in live.happy), and far below the leaders other files rely on.
    const xp = 10_000;
    const { players, messages } = await burst(3, xp);

    const result = await deliver(...messages);
    expect(result.explicitAcks).toHaveLength(messages.length);
    expect(result.retryMessages).toHaveLength(0);

    const updates = await updatesAbout(client, players);
    expect(updates).toHaveLength(1);
    const [update] = updates as [UpdateMessage];
    const row = (player: TestUser) => ({ user_id: player.id, username: player.username, total_xp: xp, level: levelForXp(xp) });
    expect(update.awards).toEqual(players.map((p) => ({ ...row(p), xp_awarded: xp, level_up: true, badges: expect.any(Array) })));
    for (const player of players) expect(update.entries).toContainEqual({ rank: expect.any(Number), ...row(player) });
    // The first form's fields describe the batch's last award.
    expect(update.award).toEqual({ ...row(players.at(-1)!), xp_awarded: xp });

    const states = await Promise.all(players.map((p) => playerState(handle, p.id)));
    const announced = await announcedAt(messages);
    expect([...announced.values()].every((at) => at !== null)).toBe(true);

    const replay = await deliver(...messages);
    expect(replay.explicitAcks).toHaveLength(messages.length);
    expect(replay.retryMessages).toHaveLength(0);
    expect(await updatesAbout(client, players)).toHaveLength(1); // nothing new announced
    expect(await Promise.all(players.map((p) => playerState(handle, p.id)))).toEqual(states);
    expect(await announcedAt(messages)).toEqual(announced);
  });

  it('an award that leaves the level as it was is announced without a level-up', async () => {
    const client = await connectLive('?window=all&size=100');
    clients.push(client);
    await client.next<SnapshotMessage>((m) => m.type === 'snapshot');
    const { players, messages } = await burst(1, 10_000);
    expect((await deliver(...messages)).retryMessages).toHaveLength(0);
    const [player] = players as [TestUser];
    const challenge = await createChallenge(handle, { xp: 50 });
    expect((await deliver(award(await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 100 })))).retryMessages).toHaveLength(0);

    const update = await client.next<UpdateMessage>((m) => m.type === 'update' && m.awards.some((a) => a.user_id === player.id && a.xp_awarded === 50));
    expect(update.awards).toEqual([{ user_id: player.id, username: player.username, xp_awarded: 50, total_xp: 10_050, level: 11, level_up: false, badges: expect.any(Array) }]);
    expect(update).not.toHaveProperty('level_up');
  });

  it('runs on ONE Postgres connection, badge backfill and recalc messages included', async () => {
    const [badge] = await handle.db
      .insert(badges)
      .values({ name: unique('Batch Badge '), condition: { type: 'xp', threshold: 100 } })
      .returning();
    const { players, messages } = await burst(3);
    const first = [...players].sort((a, b) => a.id.localeCompare(b.id))[0]!;
    // The backfill starts right before this player, so its page of users (by id) holds them.
    const [before] = (await handle.db.execute(sql`select id from users where id < ${first.id} order by id desc limit 1`)).rows as { id: string }[];
    const others: QueueMessage[] = [
      { type: 'badge_backfill', badgeId: badge!.id, ...(before ? { afterUserId: before.id } : {}) },
      { type: 'recalc_xp', jobId: crypto.randomUUID() }, // no such job: a no-op, acked
    ];
    const name = `batch-${crypto.randomUUID()}`;
    const databaseUrl = new URL(env.DATABASE_URL);
    databaseUrl.searchParams.set('application_name', name);

    const result = await deliverWithEnv({ DATABASE_URL: databaseUrl.toString() }, ...messages, ...others);
    expect(result.explicitAcks).toHaveLength(messages.length + others.length);

    // The local gateway serves Redis and Postgres alike, and counts the connections that cross it.
    const gateway = { url: config.UPSTASH_REDIS_REST_URL, token: config.UPSTASH_REDIS_REST_TOKEN };
    const stats = await fetch(`${gateway.url}/__stats`, { headers: { Authorization: `Bearer ${gateway.token}` } });
    const { connections } = await stats.json<{ connections: { kind: string; application_name: string | null; statements: number }[] }>();
    const mine = connections.filter((c) => c.kind === 'pg' && c.application_name === name);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.statements).toBeGreaterThan(messages.length); // every award's transaction ran on it
    for (const player of players) expect(await playerState(handle, player.id)).toMatchObject({ totalXp: 100, unawarded: 0 });
    const held = await handle.db
      .select({ userId: userBadges.userId })
      .from(userBadges)
      .where(and(eq(userBadges.badgeId, badge!.id), eq(userBadges.userId, first.id)));
    expect(held).toHaveLength(1);
  });

  it('one award that cannot be made is retried alone: the rest of its batch is awarded and announced', async () => {
    const { players, messages } = await burst(3);
    const spoiled = players[1]!;
    const spoiledAttempt = (messages[1] as { attemptId: string }).attemptId;
    // Fault injection, as the tables' owner: a trigger that refuses this one attempt's ledger row. It fails the
    // batch's one transaction, and the consumer then runs each award alone. (Nothing else matches the trigger.)
    const owner = new URL(config.DATABASE_URL);
    owner.username = 'postgres';
    const ownerDb = createDb({ ...config, DATABASE_URL: owner.toString() });
    const trigger = `refuse_${spoiledAttempt.replaceAll('-', '_')}`;
    await ownerDb.pool.query(`create function ${trigger}() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`);
    await ownerDb.pool.query(`create trigger ${trigger} before insert on xp_events for each row
      when (new.attempt_id = '${spoiledAttempt}') execute function ${trigger}()`);
    try {
      const result = await deliver(...messages);
      expect(result.retryMessages).toHaveLength(1);
      expect(result.explicitAcks).toHaveLength(2);
      const announced = await announcedAt(messages);
      for (const [k, player] of players.entries()) {
        const id = (messages[k] as { attemptId: string }).attemptId;
        expect(await playerState(handle, player.id)).toMatchObject(player === spoiled ? { totalXp: 0, unawarded: 1 } : { totalXp: 100, unawarded: 0 });
        expect(announced.get(id) === null).toBe(player === spoiled);
      }
    } finally {
      await ownerDb.pool.query(`drop trigger ${trigger} on xp_events; drop function ${trigger}()`);
      await ownerDb.close();
    }
    // The retry, with the fault gone, makes the award.
    expect((await deliver(messages[1]!)).retryMessages).toHaveLength(0);
    expect(await playerState(handle, spoiled.id)).toMatchObject({ totalXp: 100, unawarded: 0 });
  });

  it('if the publish fails, the awards are retried and the other messages acked', async () => {
    const { messages } = await burst(2);
    const other: QueueMessage = { type: 'recalc_xp', jobId: crypto.randomUUID() };
    const result = await deliverWithEnv(DEAD_REDIS, ...messages, other);
    expect(result.retryMessages).toHaveLength(messages.length);
    expect(result.explicitAcks).toHaveLength(1);
    expect([...(await announcedAt(messages)).values()]).toEqual([null, null]);
  });
});

describe('display fields beside the boards', () => {
  it('an award writes the player’s name and level into the players hash', async () => {
    const { players, messages } = await burst(1);
    await deliver(...messages);
    const [player] = players as [TestUser];
    expect(await redis.hget(playersKey(config.REDIS_KEY_PREFIX), player.id)).toEqual({ username: player.username, level: levelForXp(100) });
  });

  it('a rebuild writes the name and level of every player it ranks', async () => {
    const prefix = `${config.REDIS_KEY_PREFIX}:${unique('display')}`;
    const { players, messages } = await burst(1);
    await deliver(...messages); // published under the shared prefix, not this one
    const [player] = players as [TestUser];
    const now = new Date();
    try {
      expect(await redis.hget(playersKey(prefix), player.id)).toBeNull();
      await rebuildBoard(handle.db, createLeaderboard(redis, prefix), 'week', now);
      expect(await redis.hget(playersKey(prefix), player.id)).toEqual({ username: player.username, level: levelForXp(100) });
    } finally {
      await redis.del(playersKey(prefix), leaderboardKey(prefix, 'week', now));
    }
  });
});
