import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { attempts } from '../../src/db/schema';
import { createChallenge } from './award-helpers';
import { api, createUser, errorOf, openDb } from './helpers';

// STARTS_PER_MINUTE's default, which the test bindings keep.
const STARTS_PER_MINUTE = 30;

const handle = openDb();
afterAll(() => handle.close());

const start = (token: string, challengeId: string) => api('POST', '/attempts', { token, body: { challenge_id: challengeId } });

async function openAttempts(userId: string, challengeId: string) {
  return handle.db
    .select({ id: attempts.id })
    .from(attempts)
    .where(and(eq(attempts.userId, userId), eq(attempts.challengeId, challengeId), eq(attempts.status, 'started')));
}

describe('POST /attempts: one open attempt per player and challenge', () => {
  it('starting a challenge again returns the open attempt with 200 instead of opening another', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle);
    const first = await start(player.token, challenge.id);
    expect(first.status, first.text).toBe(201);
    const again = await start(player.token, challenge.id);
    expect(again.status, again.text).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(await openAttempts(player.id, challenge.id)).toHaveLength(1);
  });

  it('ten concurrent starts of one challenge open exactly one attempt: one 201, nine 200, all with its id', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle);
    const results = await Promise.all(Array.from({ length: 10 }, () => start(player.token, challenge.id)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
    expect(await openAttempts(player.id, challenge.id)).toHaveLength(1);
  });

  it('once the open attempt is submitted, starting again opens a new one (201)', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle);
    const first = await start(player.token, challenge.id);
    expect((await api('POST', `/attempts/${first.json.id}/submit`, { token: player.token, body: { score: 40 } })).status).toBe(202);
    const next = await start(player.token, challenge.id);
    expect(next.status, next.text).toBe(201);
    expect(next.json.id).not.toBe(first.json.id);
  });

  it("another player's open attempt on the same challenge is not yours", async () => {
    const [a, b] = [await createUser(handle), await createUser(handle)];
    const challenge = await createChallenge(handle);
    const mine = await start(a.token, challenge.id);
    const theirs = await start(b.token, challenge.id);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.json.id).not.toBe(mine.json.id);
  });
});

describe('POST /attempts: rate limited per player', () => {
  it(`the ${STARTS_PER_MINUTE + 1}th start within a minute is 429 with Retry-After and opens nothing`, async () => {
    const player = await createUser(handle);
    const challenges = await Promise.all(Array.from({ length: STARTS_PER_MINUTE + 1 }, () => createChallenge(handle)));
    for (const challenge of challenges.slice(0, STARTS_PER_MINUTE)) {
      expect((await start(player.token, challenge.id)).status).toBe(201);
    }
    const last = challenges.at(-1)!;
    const refused = await start(player.token, last.id);
    expect(refused.status, refused.text).toBe(429);
    expect(errorOf(refused).code).toBe('rate_limited');
    const retryAfter = Number(refused.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await openAttempts(player.id, last.id)).toHaveLength(0);

    const other = await createUser(handle); // the limit is per player
    expect((await start(other.token, last.id)).status).toBe(201);
  });
});
