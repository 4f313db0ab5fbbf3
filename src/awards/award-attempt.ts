import { sql } from 'drizzle-orm';
import type { TransactionalDatabase } from '../db/client';
import { levelForXp } from '../domain/levels';
import { xpForScore, xpToAward } from '../domain/xp';
import { badgesEarnedBy, grantEarnedBadges, type EarnedBadge } from './grant-badges';
import { playerSnapshot } from '../services/player-stats';

export interface AwardOutcome {
  attemptId: string;
  userId: string;
  challengeId: string;
  /** False when an earlier delivery already awarded this attempt (a replay). */
  newlyAwarded: boolean;
  xpAwarded: number;
  totalXp: number;
  previousLevel: number;
  level: number;
  badges: EarnedBadge[];
}

interface AttemptRow {
  id: string;
  user_id: string;
  challenge_id: string;
  status: 'started' | 'passed' | 'failed';
  score: number | null;
  awarded_at: string | null;
  xp_awarded: number | null;
  level_before: number | null;
  level_after: number | null;
  challenge_xp: number;
}

/**
 * Awards one submitted attempt in one transaction: ledger row, XP, level, badges. Idempotent:
 * the attempt row is locked and `awarded_at` says it is done, and the ledger's unique attempt_id
 * backs that up. Returns null for an attempt that doesn't exist or was never submitted.
 */
export async function awardAttempt(db: TransactionalDatabase, attemptId: string, passThreshold: number): Promise<AwardOutcome | null> {
  return db.transaction(async (tx) => {
    const found = await tx.execute(sql`
      select a.id, a.user_id, a.challenge_id, a.status, a.score, a.awarded_at, a.xp_awarded, a.level_before, a.level_after,
             case when c.published and c.archived_at is null then c.xp else 0 end as challenge_xp -- retired: pays nothing
      from attempts a join challenges c on c.id = a.challenge_id
      where a.id = ${attemptId} for update of a`);
    const attempt = found.rows[0] as AttemptRow | undefined;
    if (!attempt || attempt.status === 'started' || attempt.score === null) return null;

    // Serialises awards per player, so "XP already earned on this challenge" and badges see a stable state.
    const locked = await tx.execute(sql`select total_xp, level from users where id = ${attempt.user_id} for update`);
    const user = locked.rows[0] as { total_xp: number; level: number };

    if (attempt.awarded_at !== null) {
      // A replay: describe the award as it was made, for an announcement that failed the first time.
      return { attemptId, userId: attempt.user_id, challengeId: attempt.challenge_id, newlyAwarded: false,
        xpAwarded: attempt.xp_awarded ?? 0, totalXp: user.total_xp, previousLevel: attempt.level_before ?? user.level,
        level: attempt.level_after ?? user.level, badges: await badgesEarnedBy(tx, attempt.user_id, attemptId) };
    }

    const paid = await tx.execute(sql`
      select coalesce(sum(xp), 0)::int as xp from xp_events
      where user_id = ${attempt.user_id} and challenge_id = ${attempt.challenge_id}`);
    const alreadyPaid = (paid.rows[0] as { xp: number }).xp;
    const passed = attempt.status === 'passed';
    const xp = passed ? xpToAward(xpForScore(attempt.challenge_xp, attempt.score, passThreshold), alreadyPaid) : 0;

    let totalXp = user.total_xp;
    if (passed) {
      const ledger = await tx.execute(sql`
        insert into xp_events (user_id, attempt_id, challenge_id, xp)
        values (${attempt.user_id}, ${attemptId}, ${attempt.challenge_id}, ${xp})
        on conflict (attempt_id) do nothing returning id`);
      if (ledger.rows.length > 0 && xp > 0) {
        const updated = await tx.execute(sql`
          update users set total_xp = total_xp + ${xp}, level = ${levelForXp(user.total_xp + xp)}, xp_reached_at = now()
          where id = ${attempt.user_id} returning total_xp`);
        totalXp = (updated.rows[0] as { total_xp: number }).total_xp;
      }
    }
    const level = levelForXp(totalXp);
    await tx.execute(sql`
      update attempts set xp_awarded = ${xp}, awarded_at = now(), level_before = ${user.level}, level_after = ${level}
      where id = ${attemptId}`);

    const snapshot = await playerSnapshot(tx, attempt.user_id);
    const badges = snapshot
      ? await grantEarnedBadges(tx, attempt.user_id, snapshot.stats, { attempt_id: attemptId, challenge_id: attempt.challenge_id })
      : [];
    return { attemptId, userId: attempt.user_id, challengeId: attempt.challenge_id, newlyAwarded: true,
      xpAwarded: xp, totalXp, previousLevel: user.level, level, badges };
  });
}
