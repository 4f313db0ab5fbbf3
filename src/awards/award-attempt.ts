import type { TransactionalDatabase } from '../db/client';
import { windowId } from '../domain/leaderboard-window';
import { levelForXp } from '../domain/levels';
import { addPass, statsOf } from '../domain/pass-tally';
import { addToTotal, wholeSecond, type KeptTotal } from '../domain/window-totals';
import { xpForScore, xpToAward } from '../domain/xp';
import type { WindowTotal } from '../services/leaderboard/boards';
import { lockAttemptAndPlayer, readPlayer, type LockedAttempt, type PlayerState } from './award-locks';
import { finishAward, payXp, recordProgress } from './award-writes';
import { badgesEarnedBy, qualifyingBadges, unearnedBadges, type EarnedBadge } from './grant-badges';

export interface AwardOutcome {
  attemptId: string;
  userId: string;
  /** For the board's display fields, read with the player's lock. */
  username: string;
  challengeId: string;
  /** False when an earlier delivery already awarded this attempt (a replay). */
  newlyAwarded: boolean;
  xpAwarded: number;
  totalXp: number;
  previousLevel: number;
  level: number;
  badges: EarnedBadge[];
  /** The player's absolute totals in every window containing `totalsAt`: what the boards must hold. */
  windowTotals: WindowTotal[];
  /** The award transaction's time: which week and month `windowTotals` are of. */
  totalsAt: Date;
}

function windowTotalsAfter(attempt: LockedAttempt, player: PlayerState, paid: number, at: Date): WindowTotal[] {
  const after = (window: WindowTotal['window'], total: KeptTotal | null): WindowTotal => {
    const next = addToTotal(total, paid, at);
    return { window, xp: next?.xp ?? 0, reachedAt: next?.reachedAt ?? at };
  };
  return [
    after('all', { xp: attempt.total_xp, reachedAt: new Date(attempt.xp_reached_at) }),
    after('week', player.week),
    after('month', player.month),
  ];
}

/**
 * Awards one submitted attempt in one transaction: ledger row, XP, level, window totals, the
 * player's tally, badges. A fixed number of statements, each by key, whatever the player's history
 * (award-locks.ts, award-writes.ts). Idempotent: the attempt row is locked and `awarded_at` says it
 * is done, and the ledger's unique attempt_id backs that up. Returns null for an attempt that doesn't
 * exist or was never submitted.
 */
export async function awardAttempt(db: TransactionalDatabase, attemptId: string, passThreshold: number): Promise<AwardOutcome | null> {
  return db.transaction(async (tx) => {
    const attempt = await lockAttemptAndPlayer(tx, attemptId);
    if (!attempt || attempt.status === 'started' || attempt.score === null || attempt.submitted_at === null) return null;
    const at = new Date(attempt.now);
    const windows = { week: windowId('week', at), month: windowId('month', at) };
    const player = await readPlayer(tx, attempt, windows);
    const base = { attemptId, userId: attempt.user_id, username: attempt.username, challengeId: attempt.challenge_id, totalsAt: at };

    if (attempt.awarded_at !== null) {
      // A replay: describe the award as it was made, for an announcement that failed the first time.
      return { ...base, newlyAwarded: false, xpAwarded: attempt.xp_awarded ?? 0, totalXp: attempt.total_xp,
        previousLevel: attempt.level_before ?? attempt.level, level: attempt.level_after ?? attempt.level,
        badges: await badgesEarnedBy(tx, attempt.user_id, attemptId), windowTotals: windowTotalsAfter(attempt, player, 0, at) };
    }

    const candidates = await unearnedBadges(tx, attempt.user_id);
    const passDay = attempt.status === 'passed' ? player.passDay : null; // null: not a pass
    const xp = passDay !== null ? xpToAward(xpForScore(attempt.challenge_xp, attempt.score, passThreshold), player.challenge?.xpPaid ?? 0) : 0;
    let paid = 0;
    let tally = player.tally;
    if (passDay !== null) {
      const fresh = await payXp(tx, { userId: attempt.user_id, attemptId, challengeId: attempt.challenge_id, xp,
        level: levelForXp(attempt.total_xp + xp), reachedAt: wholeSecond(at), windowIds: [windows.week, windows.month] });
      paid = fresh ? xp : 0;
      const pass = { score: attempt.score, difficulty: attempt.difficulty, tags: attempt.tags, day: passDay,
        previousBest: player.challenge?.bestScore ?? null };
      tally = addPass(player.tally, pass, player.allPassDays ?? undefined);
      await recordProgress(tx, { userId: attempt.user_id, challengeId: attempt.challenge_id, score: attempt.score, xpPaid: paid,
        submittedAt: attempt.submitted_at, day: passDay, tally });
    }

    const totalXp = attempt.total_xp + paid;
    const level = levelForXp(totalXp);
    const badges = await finishAward(tx, { attemptId, userId: attempt.user_id, challengeId: attempt.challenge_id, xp,
      levelBefore: attempt.level, levelAfter: level, passDay,
      badges: qualifyingBadges(candidates, statsOf(totalXp, tally)) });
    return { ...base, newlyAwarded: true, xpAwarded: xp, totalXp, previousLevel: attempt.level, level, badges,
      windowTotals: windowTotalsAfter(attempt, player, paid, at) };
  });
}
