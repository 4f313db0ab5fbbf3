import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { attempts, challenges } from '../../src/db/schema';
import { createChallenge, deliver } from './award-helpers';
import { api, createUser, errorOf, expectError, openDb } from './helpers';
import { award, insertSubmittedAttempt, playerState } from './pipeline-helpers';

// XP is only for challenges that are still published and not archived: an admin who archives or
// unpublishes a challenge stops it paying, both for submits still to come and for awards still queued.
const handle = openDb();
afterAll(() => handle.close());

async function stored(id: string) {
  const [row] = await handle.db.select().from(attempts).where(eq(attempts.id, id));
  return row;
}

describe('POST /attempts/{id}/submit on a challenge that is no longer playable', () => {
  it.each([
    ['archived by an admin DELETE', async (id: string, token: string) => api('DELETE', `/challenges/${id}`, { token })],
    ['unpublished by an admin PUT', async (id: string, token: string) => api('PUT', `/challenges/${id}`, { token, body: { published: false } })],
  ])('%s → 409 conflict, the attempt stays started and no XP is paid', async (_, retire) => {
    const admin = await createUser(handle, 'admin');
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 100 });
    const started = await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.id } });
    expect([200, 201]).toContain(started.status);
    const retired = await retire(challenge.id, admin.token);
    expect(retired.status, retired.text).toBeLessThan(300);

    const res = await api('POST', `/attempts/${started.json.id}/submit`, { token: player.token, body: { score: 100 } });
    expectError(res, 409);
    const error = errorOf(res);
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/no longer (published|available)/i);
    expect(await stored(started.json.id)).toMatchObject({ status: 'started', score: null, submittedAt: null });

    await deliver(award(started.json.id)); // even a stray delivery finds nothing to pay
    expect(await playerState(handle, player.id)).toMatchObject({ totalXp: 0, ledgerXp: 0 });
  });
});

describe('the award of a challenge retired after the submit', () => {
  it.each([
    ['archived', { archivedAt: new Date() }],
    ['unpublished', { published: false }],
  ])('a challenge %s before the consumer runs pays 0 XP; the award still completes', async (_, retired) => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 100 });
    const attemptId = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 100 });
    await handle.db.update(challenges).set(retired).where(eq(challenges.id, challenge.id));

    const result = await deliver(award(attemptId));
    expect(result.retryMessages).toHaveLength(0);
    expect(await stored(attemptId)).toMatchObject({ status: 'passed', xpAwarded: 0 });
    expect((await stored(attemptId))?.awardedAt).not.toBeNull();
    expect(await playerState(handle, player.id)).toMatchObject({ totalXp: 0, ledgerXp: 0, level: 1, unawarded: 0 });
  });
});
