import { sql } from 'drizzle-orm';
import { inOneRoundTrip, type Database } from '../db/client';
import { attemptStatus, jobStatus } from '../db/schema';

type Rows = { rows: unknown[] };

function countQueries(db: Database) {
  return [
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
  ] as const;
}

function toCounts(totals: Rows, attemptsByStatus: Rows, jobsByStatus: Rows) {
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

/** Global numbers from Postgres (so they agree across isolates), for /admin/stats and /metrics: one round trip. */
export async function gameCounts(db: Database) {
  const [totals, attemptsByStatus, jobsByStatus] = await inOneRoundTrip(db, countQueries(db));
  return toCounts(totals, attemptsByStatus, jobsByStatus);
}

/** The last `days` UTC days, oldest first, as `d(day)`: a timestamp without zone at each UTC midnight. */
const lastDays = (days: number) =>
  sql`generate_series(((now() at time zone 'UTC')::date - ${days - 1}::int)::timestamp, (now() at time zone 'UTC')::date::timestamp, interval '1 day') as d(day)`;

/** New players per UTC day, zeros included, oldest first. */
function newPlayersPerDayQuery(db: Database, days: number) {
  return db.execute(sql`
    select to_char(d.day, 'YYYY-MM-DD') as date, count(u.id)::int as count
    from ${lastDays(days)}
    left join users u on u.role = 'player'
      and u.created_at >= d.day at time zone 'UTC' and u.created_at < (d.day + interval '1 day') at time zone 'UTC'
    group by d.day order by d.day`);
}

/** XP awarded per UTC day (the ledger's rows by their time), zeros included, oldest first. */
function xpPerDayQuery(db: Database, days: number) {
  return db.execute(sql`
    select to_char(d.day, 'YYYY-MM-DD') as date, coalesce(sum(x.xp), 0)::bigint as xp
    from ${lastDays(days)}
    left join xp_events x on x.created_at >= d.day at time zone 'UTC' and x.created_at < (d.day + interval '1 day') at time zone 'UTC'
    group by d.day order by d.day`);
}

/** Everything GET /admin/stats shows, in one round trip: the counts and the last `days` days. */
export async function adminStats(db: Database, days: number) {
  const [totals, attemptsByStatus, jobsByStatus, players, xp] = await inOneRoundTrip(db, [
    ...countQueries(db),
    newPlayersPerDayQuery(db, days),
    xpPerDayQuery(db, days),
  ]);
  return {
    ...toCounts(totals, attemptsByStatus, jobsByStatus),
    newPlayersPerDay: players.rows as { date: string; count: number }[],
    xpPerDay: (xp.rows as { date: string; xp: number | string }[]).map((row) => ({ date: row.date, xp: Number(row.xp) })),
  };
}
