import type { TransactionalDatabase } from '../db/client';
import { windowId } from '../domain/leaderboard-window';
import type { WindowTotal } from '../services/leaderboard/boards';
import { lockAttempts, readPlayers } from './award-locks';
import { planAwards } from './award-plan';
import { writeAwards } from './award-writes';
import type { EarnedBadge } from './grant-badges';

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

/**
 * Awards a batch of submitted attempts in one transaction: ledger rows, XP, levels, window totals,
 * the players' tallies, badges. Four statements between BEGIN and COMMIT, whatever the batch's size
 * and the players' histories: lock, read, write (award-locks.ts, award-writes.ts), with the rules
 * applied in memory in between (award-plan.ts). Idempotent: the attempt rows are locked and
 * `awarded_at` says which are done (a replay is described, not redone), and the ledger's unique
 * attempt_id backs that up. An attempt that doesn't exist or was never submitted maps to null.
 */
export async function awardAttempts(db: TransactionalDatabase, attemptIds: string[], passThreshold: number): Promise<Map<string, AwardOutcome | null>> {
  const ids = [...new Set(attemptIds)];
  return db.transaction(async (tx) => {
    const locked = await lockAttempts(tx, ids);
    const toRead = locked.filter((a) => a.status !== 'started' && a.submitted_at !== null);
    if (toRead.length === 0) return new Map(ids.map((id) => [id, null]));
    const at = new Date(toRead[0]!.now);
    const windows = { week: windowId('week', at), month: windowId('month', at) };
    const plan = planAwards(ids, locked, await readPlayers(tx, toRead, windows), { at, windowIds: [windows.week, windows.month], passThreshold });
    if (plan.writes.attempts.length === 0) return plan.outcomes; // replays only
    const granted = new Set((await writeAwards(tx, plan.writes)).map((row) => `${row.user_id}/${row.badge_id}`));
    for (const outcome of plan.outcomes.values()) {
      if (!outcome?.newlyAwarded) continue;
      outcome.badges = outcome.badges.filter((badge) => granted.has(`${outcome.userId}/${badge.id}`));
    }
    return plan.outcomes;
  });
}

/** One attempt's award (the batch of one): null for an unknown or never-submitted attempt. */
export async function awardAttempt(db: TransactionalDatabase, attemptId: string, passThreshold: number): Promise<AwardOutcome | null> {
  return (await awardAttempts(db, [attemptId], passThreshold)).get(attemptId) ?? null;
}
