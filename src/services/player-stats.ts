import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/client';
import type { PlayerStats } from '../domain/badge-conditions';
import { levelForXp } from '../domain/levels';
import { currentStreak, localDate, longestStreak } from '../domain/streaks';

export interface PlayerSnapshot {
  stats: PlayerStats;
  /** The run of pass days that is still alive today, in the player's timezone. */
  currentStreakDays: number;
}

/**
 * Everything badge conditions look at, from awarded attempts only (so the result depends on what
 * has been processed, never on delivery order). Pass days are calendar days in the player's timezone.
 */
export async function playerSnapshot(db: DbExecutor, userId: string, now = new Date()): Promise<PlayerSnapshot | null> {
  const userRows = await db.execute(sql`select total_xp, timezone from users where id = ${userId}`);
  const user = userRows.rows[0] as { total_xp: number; timezone: string } | undefined;
  if (!user) return null;

  const passed = sql`a.user_id = ${userId} and a.status = 'passed' and a.awarded_at is not null`;
  const [counts, byDifficulty, byTag, days] = await Promise.all([
    db.execute(sql`
      select count(*)::int as passed_attempts,
             count(distinct a.challenge_id)::int as distinct_challenges,
             count(distinct a.challenge_id) filter (where a.score = 100)::int as perfect
      from attempts a where ${passed}`),
    db.execute(sql`
      select c.difficulty, count(distinct c.id)::int as n
      from attempts a join challenges c on c.id = a.challenge_id where ${passed} group by c.difficulty`),
    db.execute(sql`
      select t.tag, count(distinct c.id)::int as n
      from attempts a join challenges c on c.id = a.challenge_id, unnest(c.tags) as t(tag)
      where ${passed} group by t.tag`),
    db.execute(sql`
      select distinct to_char(a.submitted_at at time zone ${user.timezone}, 'YYYY-MM-DD') as day
      from attempts a where ${passed}`),
  ]);

  const count = counts.rows[0] as { passed_attempts: number; distinct_challenges: number; perfect: number };
  const passedByDifficulty = { easy: 0, medium: 0, hard: 0 };
  for (const row of byDifficulty.rows as { difficulty: keyof typeof passedByDifficulty; n: number }[]) {
    passedByDifficulty[row.difficulty] = row.n;
  }
  const passedByTag: Record<string, number> = Object.create(null);
  for (const row of byTag.rows as { tag: string; n: number }[]) passedByTag[row.tag] = row.n;
  const passDays = (days.rows as { day: string }[]).map((r) => r.day);

  return {
    stats: {
      totalXp: user.total_xp,
      level: levelForXp(user.total_xp),
      passedAttempts: count.passed_attempts,
      distinctPassedChallenges: count.distinct_challenges,
      perfectScores: count.perfect,
      streakDays: longestStreak(passDays),
      passedByDifficulty,
      passedByTag,
    },
    currentStreakDays: currentStreak(passDays, localDate(now, user.timezone)),
  };
}
