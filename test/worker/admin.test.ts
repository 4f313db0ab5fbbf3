import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { jobs, users } from '../../src/db/schema';
import { createLeaderboard } from '../../src/services/leaderboard/boards';
import { createRedis } from '../../src/services/redis';
import { createChallenge, deliver, submitAttempt } from './award-helpers';
import { gameTruth, growingNumbers, type GameTruth } from './game-truth';
import { api, config, createUser, errorOf, openDb } from './helpers';
import { inQuietWindow } from './quiet-window';

const handle = openDb();
afterAll(() => handle.close());

/** Each number within the readings before and after the answer (a fallback when the database never stood still). */
function expectBetween(before: Record<string, number>, answer: Record<string, number>, after: Record<string, number>) {
  for (const [name, value] of Object.entries(answer)) expect([before[name]! <= value, value <= after[name]!], name).toEqual([true, true]);
}

async function waitForJob(id: string, token: string) {
  const deadline = Date.now() + 45_000;
  let job = (await api('GET', `/admin/jobs/${id}`, { token })).json;
  while (job.status !== 'succeeded' && job.status !== 'failed' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    job = (await api('GET', `/admin/jobs/${id}`, { token })).json;
  }
  return job;
}

describe('GET /admin/stats', () => {
  it('counts players by role, attempts by status, XP, badges, challenges and today’s new players: the numbers in the tables', async () => {
    const admin = await createUser(handle, 'admin'); // an admin is not a player: counted nowhere here
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 40 });
    await deliver({ type: 'award', attemptId: await submitAttempt(player.token, challenge.id, 100) });
    expect((await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.id } })).status).toBe(201);

    const stats = async () => {
      const res = await api('GET', '/admin/stats', { token: admin.token });
      expect(res.status, res.text).toBe(200);
      return res.json;
    };
    const reading = await inQuietWindow(() => gameTruth(handle), stats);
    const { answer } = reading;
    const shown: GameTruth = {
      players: answer.players,
      newPlayersToday: answer.new_players_per_day.at(-1).count,
      attempts: answer.attempts,
      awardsPending: answer.awards_pending,
      xpAwarded: answer.xp_awarded,
      badgesAwarded: answer.badges_awarded,
      challenges: answer.challenges,
      jobs: reading.after.jobs, // not part of this answer
    };
    if (reading.quiet) expect(shown).toEqual(reading.after);
    else expectBetween(growingNumbers(reading.before), growingNumbers(shown), growingNumbers(reading.after));

    const days = answer.new_players_per_day.map((d: { date: string }) => d.date);
    const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    expect(days).toEqual(Array.from({ length: 14 }, (_, i) => new Date(today - (13 - i) * 86_400_000).toISOString().slice(0, 10)));
  });
});

describe('POST /admin/recalc-xp', () => {
  it('repairs a deliberately broken total and level, rebuilds the board, and reports progress', async () => {
    const admin = await createUser(handle, 'admin');
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 300 });
    await deliver({ type: 'award', attemptId: await submitAttempt(player.token, challenge.id, 100) });
    await handle.db.update(users).set({ totalXp: 99_999, level: 40 }).where(eq(users.id, player.id));

    const started = await api('POST', '/admin/recalc-xp', { token: admin.token });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ kind: 'recalc_xp', processed: 0 });
    expect(started.json.total).toBeGreaterThan(0);
    await deliver({ type: 'recalc_xp', jobId: started.json.id }); // the first batch; later ones ride the real queue

    const job = await waitForJob(started.json.id, admin.token);
    expect(job.status).toBe('succeeded');
    expect(job.processed).toBe(job.total);
    const [repaired] = await handle.db.select().from(users).where(eq(users.id, player.id));
    expect(repaired).toMatchObject({ totalXp: 300, level: 2 });
    const board = createLeaderboard(createRedis(config), config.REDIS_KEY_PREFIX);
    const rank = await board.rank('all', player.id, new Date());
    const [entry] = await board.range('all', (rank ?? 1) - 1, 1, new Date());
    expect(entry).toMatchObject({ userId: player.id, xp: 300 });

    // Delivering a finished job's message again changes nothing.
    await deliver({ type: 'recalc_xp', jobId: started.json.id });
    const [again] = await handle.db.select().from(jobs).where(eq(jobs.id, started.json.id));
    expect(again).toMatchObject({ status: 'succeeded', processed: job.total });
  }, 60_000);

  it('GET /admin/jobs/{id} is 404 for an unknown job and 422 for a malformed id', async () => {
    const admin = await createUser(handle, 'admin');
    const unknown = await api('GET', '/admin/jobs/00000000-0000-4000-8000-000000000000', { token: admin.token });
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'not_found']);
    const malformed = await api('GET', '/admin/jobs/not-a-uuid', { token: admin.token });
    expect([malformed.status, errorOf(malformed).code]).toEqual([422, 'validation_failed']);
    expect(errorOf(malformed).details).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});
