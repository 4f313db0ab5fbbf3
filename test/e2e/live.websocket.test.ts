import { afterAll, describe, expect, it } from 'vitest';
import { call, newPlayer, Subscriber } from './live.helpers.ts';

const subscribers: Subscriber[] = [];
afterAll(() => subscribers.forEach((s) => s.close()));

function subscribe(query: string) {
  const subscriber = new Subscriber(query);
  subscribers.push(subscriber);
  return subscriber;
}

describe('/leaderboard/live through wrangler dev (real queue, Durable Object, Postgres, Redis)', () => {
  it('50 subscribers all get the same update after one award; a later subscriber’s snapshot has the player', async () => {
    const crowd = Array.from({ length: 50 }, () => subscribe('?window=all&size=100'));
    const snapshots = await Promise.all(crowd.map((s) => s.next((m) => m.type === 'snapshot', 20_000, 'the snapshot')));
    expect(snapshots.every((s) => s.v === 1 && s.window === 'all' && s.size === 100)).toBe(true);

    const player = await newPlayer('live');
    const catalog = await call('GET', '/challenges?limit=100');
    const challenge = (catalog.json.items as { id: string; title: string }[]).find((c) => c.title === 'LRU Cache');
    expect(challenge).toBeDefined();
    const attempt = await call('POST', '/attempts', { challenge_id: challenge!.id }, player.token);
    expect(attempt.status).toBe(201);
    const submitted = await call('POST', `/attempts/${attempt.json.id}/submit`, { score: 90 }, player.token);
    expect(submitted.status).toBe(202);

    // The local queue consumer delivers within a few seconds; the hub then tells everyone. Other files'
    // awards may share the queue batch, and so the update: the player's award is one of its `awards`.
    const isMine = (m: { type: string; awards?: { user_id: string }[] }) => m.type === 'update' && !!m.awards?.some((a) => a.user_id === player.id);
    const updates = await Promise.all(crowd.map((s) => s.next(isMine, 20_000, 'the update')));
    const [first] = updates;
    expect(first).toMatchObject({ v: 1, type: 'update', window: 'all' });
    expect(first.awards).toContainEqual({
      user_id: player.id, username: player.username, xp_awarded: 225, total_xp: 225, level: 2, // 250 × 90 / 100
      level_up: true, badges: expect.any(Array),
    });
    const row = first.entries.find((e: { user_id: string }) => e.user_id === player.id);
    expect(row).toEqual({ rank: expect.any(Number), user_id: player.id, username: player.username, total_xp: 225, level: 2 });
    for (const update of updates) expect(update).toEqual(first);

    const late = await subscribe('?window=all&size=100').next((m) => m.type === 'snapshot', 20_000, 'the late snapshot');
    expect(late.entries).toContainEqual(row);
  }, 60_000);
});
