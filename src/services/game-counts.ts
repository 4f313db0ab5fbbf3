import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/client';
import { attemptStatus, jobStatus } from '../db/schema';

/** Global numbers from Postgres (so they agree across isolates), for /admin/stats and /metrics. */
export async function gameCounts(db: DbExecutor) {
  const [totals, attemptsByStatus, jobsByStatus] = await Promise.all([
    db.execute(sql`select
      (select count(*) from users where role = 'player')::int as players,
      (select count(*) from users)::int as users,
      (select count(*) from challenges where archived_at is null and published)::int as challenges_published,
      (select count(*) from challenges where archived_at is null and not published)::int as challenges_unpublished,
      (select count(*) from challenges where archived_at is not null)::int as challenges_archived,
      (select coalesce(sum(xp), 0) from xp_events)::bigint as xp_awarded,
      (select count(*) from user_badges)::int as badges_awarded,
      (select count(*) from attempts where status <> 'started' and awarded_at is null)::int as awards_pending`),
    db.execute(sql`select status, count(*)::int as n from attempts group by status`),
    db.execute(sql`select status, count(*)::int as n from jobs group by status`),
  ]);
  const row = totals.rows[0] as Record<string, number | string>;
  const byStatus = (rows: unknown[], keys: readonly string[]) =>
    Object.fromEntries(keys.map((k) => [k, (rows as { status: string; n: number }[]).find((r) => r.status === k)?.n ?? 0]));
  return {
    players: Number(row.players),
    users: Number(row.users),
    challenges: {
      published: Number(row.challenges_published),
      unpublished: Number(row.challenges_unpublished),
      archived: Number(row.challenges_archived),
    },
    attempts: byStatus(attemptsByStatus.rows, attemptStatus.enumValues) as Record<(typeof attemptStatus.enumValues)[number], number>,
    xpAwarded: Number(row.xp_awarded),
    badgesAwarded: Number(row.badges_awarded),
    awardsPending: Number(row.awards_pending),
    jobs: byStatus(jobsByStatus.rows, jobStatus.enumValues) as Record<string, number>,
  };
}

/** New players per UTC day for the last `days` days, zeros included, oldest first. */
export async function newPlayersPerDay(db: DbExecutor, days: number) {
  const result = await db.execute(sql`
    select to_char(d.day, 'YYYY-MM-DD') as date, count(u.id)::int as count
    from generate_series((now() at time zone 'UTC')::date - ${days - 1}::int, (now() at time zone 'UTC')::date, interval '1 day') as d(day)
    left join users u on u.role = 'player' and (u.created_at at time zone 'UTC')::date = d.day
    group by d.day order by d.day`);
  return result.rows as { date: string; count: number }[];
}
