import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../src/db/client';

/**
 * The game's global numbers counted straight from the tables, written apart from the app's own
 * query (src/services/game-counts.ts) so that a wrong filter there shows up as a difference here.
 */
export async function gameTruth(handle: DbHandle) {
  const { rows } = await handle.db.execute(sql`select
    (select count(*) filter (where role = 'player') from users)::int as players,
    (select count(*) filter (where role = 'player' and created_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC') from users)::int as new_players_today,
    (select count(*) filter (where status = 'started') from attempts)::int as started,
    (select count(*) filter (where status = 'passed') from attempts)::int as passed,
    (select count(*) filter (where status = 'failed') from attempts)::int as failed,
    (select count(*) filter (where status <> 'started' and awarded_at is null) from attempts)::int as awards_pending,
    (select coalesce(sum(xp), 0) from xp_events)::text as xp_awarded,
    (select count(*) from user_badges)::int as badges_awarded,
    (select count(*) filter (where published and archived_at is null) from challenges)::int as published,
    (select count(*) filter (where not published and archived_at is null) from challenges)::int as unpublished,
    (select count(*) filter (where archived_at is not null) from challenges)::int as archived,
    (select count(*) filter (where status = 'queued') from jobs)::int as jobs_queued,
    (select count(*) filter (where status = 'running') from jobs)::int as jobs_running,
    (select count(*) filter (where status = 'succeeded') from jobs)::int as jobs_succeeded,
    (select count(*) filter (where status = 'failed') from jobs)::int as jobs_failed`);
  const row = rows[0] as Record<string, number | string>;
  return {
    players: Number(row.players),
    newPlayersToday: Number(row.new_players_today),
    attempts: { started: Number(row.started), passed: Number(row.passed), failed: Number(row.failed) },
    awardsPending: Number(row.awards_pending),
    xpAwarded: Number(row.xp_awarded),
    badgesAwarded: Number(row.badges_awarded),
    challenges: { published: Number(row.published), unpublished: Number(row.unpublished), archived: Number(row.archived) },
    jobs: { queued: Number(row.jobs_queued), running: Number(row.jobs_running), succeeded: Number(row.jobs_succeeded), failed: Number(row.jobs_failed) },
  };
}

export type GameTruth = Awaited<ReturnType<typeof gameTruth>>;

/** Numbers that only ever grow while tests run (nothing deletes players, ledger rows or badges). */
export function growingNumbers(t: GameTruth) {
  return { players: t.players, xpAwarded: t.xpAwarded, badgesAwarded: t.badgesAwarded, decided: t.attempts.passed + t.attempts.failed };
}
