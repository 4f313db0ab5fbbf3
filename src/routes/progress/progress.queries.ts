import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { inOneRoundTrip, type Database } from '../../db/client';
import { attempts, badges, challenges, userBadges } from '../../db/schema';
import { playerSnapshotQuery } from '../../services/player-stats';
import { isPlayable } from '../challenges/challenges.queries';

/** Ids of the challenges players can see (published, not archived): a handful, computed once per query. */
const visibleChallengeIds = sql`array(select ${challenges.id} from ${challenges} where ${isPlayable})`;

/**
 * What another viewer may see of a player's attempts: submitted ones on challenges players can see
 * (published, not archived). The player themselves and admins see every attempt.
 *
 * The challenge check is a list of ids rather than a join: with a join, Postgres may start from the
 * challenges and read every attempt the player has on each before sorting (4–7 ms for a player with
 * 10,000 attempts, `npm run bench -- --scale`); on `attempts` alone it walks the player's attempts
 * newest first (attempts_user_started_idx) and stops at the page.
 */
function visibleAttempts(userId: string, everything: boolean): SQL | undefined {
  if (everything) return eq(attempts.userId, userId);
  return and(eq(attempts.userId, userId), inArray(attempts.status, ['passed', 'failed']), sql`${attempts.challengeId} = any(${visibleChallengeIds})`);
}

/** Everything a progress page shows from Postgres, in one round trip. */
export async function progressRows(db: Database, userId: string, recent: number, everything: boolean) {
  // The title is looked up for the page's rows only (a scalar subquery runs after the limit).
  const title = sql<string>`(select ${challenges.title} from ${challenges} where ${challenges.id} = ${attempts.challengeId})`;
  const [player, recentRows, earned, allBadges] = await inOneRoundTrip(db, [
    playerSnapshotQuery(db, userId),
    db
      .select({ attempt: attempts, title })
      .from(attempts)
      .where(visibleAttempts(userId, everything))
      .orderBy(desc(attempts.startedAt), desc(attempts.id))
      .limit(recent),
    db
      .select({ id: badges.id, name: badges.name, iconUrl: badges.iconUrl, awardedAt: userBadges.awardedAt })
      .from(userBadges)
      .innerJoin(badges, eq(badges.id, userBadges.badgeId))
      .where(eq(userBadges.userId, userId))
      .orderBy(desc(userBadges.awardedAt)),
    db.select({ id: badges.id, name: badges.name, condition: badges.condition }).from(badges).orderBy(badges.name),
  ]);
  return { player: player.rows[0], recent: recentRows, earned, allBadges };
}
