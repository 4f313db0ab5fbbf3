import { and, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { attempts } from '../db/schema';
import { levelForXp } from '../domain/levels';
import { log } from '../lib/logger';
import type { AwardUpdate, HubNotifier } from '../services/hub';
import type { Leaderboard, PlayerTotals, WindowRanks } from '../services/leaderboard/boards';
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

/** What a player's board entries and row become after their last award of the batch: the award's own totals. */
function playerTotals(outcome: AwardOutcome): PlayerTotals {
  return {
    userId: outcome.userId,
    totals: outcome.windowTotals,
    at: outcome.totalsAt,
    player: { username: outcome.username, level: levelForXp(outcome.totalXp) },
  };
}

/** Later outcomes of a player come from later transactions: the last one holds the newest totals. */
function lastPerPlayer(outcomes: AwardOutcome[]): AwardOutcome[] {
  return [...new Map(outcomes.map((outcome) => [outcome.userId, outcome])).values()];
}

/** One announcement per attempt, even when the batch delivered an attempt twice. */
function firstPerAttempt(outcomes: AwardOutcome[]): AwardOutcome[] {
  return outcomes.filter((outcome, i) => outcomes.findIndex((other) => other.attemptId === outcome.attemptId) === i);
}

function awardUpdate(outcome: AwardOutcome, ranks: WindowRanks | undefined, now: Date): AwardUpdate {
  return {
    v: 1,
    type: 'award',
    user_id: outcome.userId,
    username: outcome.username,
    xp_awarded: outcome.xpAwarded,
    total_xp: outcome.totalXp,
    level: outcome.level,
    level_up: outcome.level > outcome.previousLevel,
    ranks: { all: ranks?.all ?? null, week: ranks?.week ?? null, month: ranks?.month ?? null },
    badges: outcome.badges,
    at: now.toISOString(),
  };
}

/**
 * After commit, once for a whole queue batch: absolute totals from Postgres into every board (ZADD GT)
 * with each player's name and level beside them, all in one MULTI; then one hub call with every
 * announcement. Runs again on every replay; that is harmless by construction, and it repairs a board
 * that missed an earlier write. Subscribers are told once: `announced_at` is set after the hub has
 * the update, so a replay after a failed publish announces it then (at least once, never lost).
 */
export async function publishAwards({ db, leaderboard, hub }: PublishDeps, outcomes: AwardOutcome[], now = new Date()): Promise<void> {
  if (outcomes.length === 0) return;
  const attemptIds = [...new Set(outcomes.map((outcome) => outcome.attemptId))];
  // The boards and the question "which are still unannounced" at once: one round trip of time, not two.
  const [, pending] = await Promise.all([
    leaderboard.recordMany(lastPerPlayer(outcomes).map(playerTotals), now),
    db.select({ id: attempts.id }).from(attempts).where(and(inArray(attempts.id, attemptIds), isNull(attempts.announcedAt))),
  ]);
  const unannounced = new Set(pending.map((row) => row.id));
  const announce = firstPerAttempt(outcomes).filter((outcome) => unannounced.has(outcome.attemptId));
  if (announce.length === 0) return; // subscribers already heard about all of them

  const ranks = await leaderboard.ranks(announce.map((outcome) => outcome.userId), now);
  await hub.publish(announce.map((outcome) => awardUpdate(outcome, ranks.get(outcome.userId), now)));
  await db
    .update(attempts)
    .set({ announcedAt: new Date() })
    .where(and(inArray(attempts.id, announce.map((outcome) => outcome.attemptId)), isNull(attempts.announcedAt)));
}
