import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { jobs, users } from '../../src/db/schema';
import { createLeaderboard } from '../../src/services/leaderboard/boards';
import { createRedis } from '../../src/services/redis';
import { createChallenge, deliver, submitAttempt } from './award-helpers';
import { api, config, createUser, openDb } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

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
  it('counts players, attempts by status, XP and badges, and new players and XP awarded for 14 days', async () => {
    const admin = await createUser(handle, 'admin');
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 40 });
    await deliver({ type: 'award', attemptId: await submitAttempt(player.token, challenge.id, 100) });
    const res = await api('GET', '/admin/stats', { token: admin.token });
    expect(res.status).toBe(200);
    const [truth] = (await handle.db.execute(sql`select
      (select count(*) from users where role = 'player')::int as players,
      (select coalesce(sum(xp), 0) from xp_events)::int as xp`)).rows as [{ players: number; xp: number }];
    expect(res.json.players).toBeGreaterThanOrEqual(truth.players);
    expect(res.json.xp_awarded).toBeGreaterThanOrEqual(truth.xp);
    expect(res.json.attempts.passed).toBeGreaterThanOrEqual(1);
    expect(res.json.new_players_per_day).toHaveLength(14);
    expect(res.json.new_players_per_day.at(-1).date).toBe(new Date().toISOString().slice(0, 10));
    expect(res.json.new_players_per_day.at(-1).count).toBeGreaterThanOrEqual(1);

    // XP per UTC day: the days line up with new_players_per_day, and today's sum is the ledger's.
    const today = new Date().toISOString().slice(0, 10);
    expect(res.json.xp_per_day.map((d: { date: string }) => d.date)).toEqual(res.json.new_players_per_day.map((d: { date: string }) => d.date));
    const [ledger] = (await handle.db.execute(sql`select coalesce(sum(xp), 0)::int as xp from xp_events
      where created_at >= ${today}::date::timestamp at time zone 'UTC'`)).rows as [{ xp: number }];
    expect(res.json.xp_per_day.at(-1)).toEqual({ date: today, xp: expect.any(Number) });
    expect(res.json.xp_per_day.at(-1).xp).toBeGreaterThanOrEqual(ledger.xp); // other files award meanwhile, never less
    expect(ledger.xp).toBeGreaterThanOrEqual(40);
    expect(res.json.xp_per_day.slice(0, -1).every((d: { xp: number }) => Number.isInteger(d.xp) && d.xp >= 0)).toBe(true);
  });

  it('puts XP on the UTC day of its ledger row, and counts nothing older than 14 days', async () => {
    const admin = await createUser(handle, 'admin');
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 70 });
    const attemptId = await submitAttempt(player.token, challenge.id, 100);
    await deliver({ type: 'award', attemptId });
    const before = (await api('GET', '/admin/stats', { token: admin.token })).json.xp_per_day as { date: string; xp: number }[];
    // Move this award's ledger row to 23:59:59 UTC three days ago, then to 15 days ago.
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    await handle.db.execute(sql`update xp_events set created_at = ${`${threeDaysAgo}T23:59:59.000Z`}::timestamptz where attempt_id = ${attemptId}`);
    const moved = (await api('GET', '/admin/stats', { token: admin.token })).json.xp_per_day as { date: string; xp: number }[];
    const on = (days: { date: string; xp: number }[], date: string) => days.find((d) => d.date === date)!.xp;
    expect(on(moved, threeDaysAgo) - on(before, threeDaysAgo)).toBeGreaterThanOrEqual(70);
    await handle.db.execute(sql`update xp_events set created_at = now() - interval '15 days' where attempt_id = ${attemptId}`);
    const gone = (await api('GET', '/admin/stats', { token: admin.token })).json.xp_per_day as { date: string; xp: number }[];
    expect(on(moved, threeDaysAgo) - on(gone, threeDaysAgo)).toBeGreaterThanOrEqual(70);
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
    expect((await api('GET', '/admin/jobs/00000000-0000-4000-8000-000000000000', { token: admin.token })).status).toBe(404);
    expect((await api('GET', '/admin/jobs/not-a-uuid', { token: admin.token })).status).toBe(422);
  });
});
