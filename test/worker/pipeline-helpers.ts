import { eq, inArray, sql } from 'drizzle-orm';
import type { DbHandle } from '../../src/db/client';
import { attempts, userBadges, users } from '../../src/db/schema';
import { windowId } from '../../src/domain/leaderboard-window';
import type { QueueMessage } from '../../src/queue/messages';
import { config } from './helpers';

export const award = (attemptId: string): QueueMessage => ({ type: 'award', attemptId });

/**
 * A submitted attempt written straight into Postgres, exactly as the submit route leaves it but
 * without enqueueing: the real queue would then deliver it in the background, in its own order,
 * and these tests need to choose the order (and the submit time) of every delivery themselves.
 */
export async function insertSubmittedAttempt(
  handle: DbHandle,
  { userId, challengeId, score, submittedAt = new Date() }: { userId: string; challengeId: string; score: number; submittedAt?: Date },
): Promise<string> {
  const status = score >= config.PASS_THRESHOLD ? 'passed' : 'failed';
  const [row] = await handle.db
    .insert(attempts)
    .values({ userId, challengeId, status, score, submittedAt, startedAt: submittedAt })
    .returning({ id: attempts.id });
  if (!row) throw new Error('attempt insert returned nothing');
  return row.id;
}

export interface PlayerState {
  totalXp: number;
  level: number;
  ledgerRows: number;
  ledgerXp: number;
  xpAwardedSum: number;
  unawarded: number;
  /** Only the badges the test itself created: other files add badges to the shared table at any time. */
  badges: string[];
  /** This week's and this month's totals (player_window_totals); 0 when there is no row. */
  weekXp: number;
  monthXp: number;
}

/** Everything the award pipeline writes in Postgres for one player, in a comparable form. */
export async function playerState(handle: DbHandle, userId: string, badgeIds: string[] = []): Promise<PlayerState> {
  const [user] = await handle.db.select({ totalXp: users.totalXp, level: users.level }).from(users).where(eq(users.id, userId));
  const ledger = await handle.db.execute(
    sql`select count(*)::int as n, coalesce(sum(xp), 0)::int as xp from xp_events where user_id = ${userId}`,
  );
  const awarded = await handle.db.execute(sql`
    select coalesce(sum(xp_awarded), 0)::int as xp, count(*) filter (where status <> 'started' and awarded_at is null)::int as pending
    from attempts where user_id = ${userId}`);
  const earned =
    badgeIds.length === 0
      ? []
      : await handle.db
          .select({ badgeId: userBadges.badgeId })
          .from(userBadges)
          .where(sql`${userBadges.userId} = ${userId} and ${inArray(userBadges.badgeId, badgeIds)}`);
  const now = new Date();
  const windows = await handle.db.execute(sql`
    select coalesce(sum(xp) filter (where window_id = ${windowId('week', now)}), 0)::int as week,
           coalesce(sum(xp) filter (where window_id = ${windowId('month', now)}), 0)::int as month
    from player_window_totals where user_id = ${userId}`);
  const w = windows.rows[0] as { week: number; month: number };
  const l = ledger.rows[0] as { n: number; xp: number };
  const a = awarded.rows[0] as { xp: number; pending: number };
  return {
    totalXp: user?.totalXp ?? -1,
    level: user?.level ?? -1,
    ledgerRows: l.n,
    ledgerXp: l.xp,
    xpAwardedSum: a.xp,
    unawarded: a.pending,
    badges: earned.map((b) => b.badgeId).sort(),
    weekXp: w.week,
    monthXp: w.month,
  };
}

/**
 * Waits for the real award queue to pay the player's attempts: at most 30 s, usually ~2 s. The state is
 * read once more after the ledger rows appear: playerState reads the user before the ledger, so a read
 * that overlapped the award's commit can show the new ledger row with the old total.
 */
export async function awaitAwards(handle: DbHandle, userId: string, expected: number): Promise<PlayerState> {
  const deadline = Date.now() + 30_000;
  while ((await playerState(handle, userId)).ledgerRows < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return playerState(handle, userId);
}
