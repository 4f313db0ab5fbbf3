import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { attempts, users } from '../db/schema';
import { log } from '../lib/logger';
import type { HubNotifier } from '../services/hub';
import type { Leaderboard } from '../services/leaderboard/boards';
import type { AwardOutcome } from './award-attempt';

export interface PublishDeps {
  db: Database;
  leaderboard: Leaderboard;
  hub: HubNotifier;
}

/** The domain events of a newly committed award, one JSON line each. */
export function logAward(outcome: AwardOutcome): void {
  const base = { user_id: outcome.userId, attempt_id: outcome.attemptId, challenge_id: outcome.challengeId };
  log.info('xp_awarded', { ...base, xp: outcome.xpAwarded, total_xp: outcome.totalXp });
  if (outcome.level > outcome.previousLevel) log.info('level_up', { ...base, from: outcome.previousLevel, to: outcome.level });
  for (const badge of outcome.badges) log.info('badge_awarded', { ...base, badge_id: badge.id, badge_name: badge.name });
}

/**
 * After commit: absolute totals from Postgres into every board (ZADD GT), then the hub.
 * Runs again on every replay; that is harmless by construction, and it repairs a board
 * that missed an earlier write. Subscribers are told once: `announced_at` is set after the hub
 * has the update, so a replay after a failed publish announces it then (at least once, never lost).
 */
export async function publishAward({ db, leaderboard, hub }: PublishDeps, outcome: AwardOutcome, now = new Date()): Promise<void> {
  await leaderboard.record(outcome.userId, outcome.windowTotals, outcome.totalsAt);
  const [attempt] = await db.select({ announcedAt: attempts.announcedAt }).from(attempts).where(eq(attempts.id, outcome.attemptId));
  if (attempt?.announcedAt) return; // subscribers already heard about this one
  const [rankAll, rankWeek, rankMonth] = await Promise.all(
    (['all', 'week', 'month'] as const).map((window) => leaderboard.rank(window, outcome.userId, now)),
  );
  const [user] = await db.select({ username: users.username }).from(users).where(eq(users.id, outcome.userId));
  await hub.publish({
    v: 1,
    type: 'award',
    user_id: outcome.userId,
    username: user?.username ?? '',
    xp_awarded: outcome.xpAwarded,
    total_xp: outcome.totalXp,
    level: outcome.level,
    level_up: outcome.level > outcome.previousLevel,
    ranks: { all: rankAll ?? null, week: rankWeek ?? null, month: rankMonth ?? null },
    badges: outcome.badges,
    at: now.toISOString(),
  });
  await db
    .update(attempts)
    .set({ announcedAt: new Date() })
    .where(and(eq(attempts.id, outcome.attemptId), isNull(attempts.announcedAt)));
}
