import { and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { inOneRoundTrip, type Database } from '../../db/client';
import { attempts, badges, challenges, userBadges } from '../../db/schema';
import { playerSnapshotQuery } from '../../services/player-stats';

/**
 * What another viewer may see of a player's attempts: submitted ones on challenges players can see
 * (published, not archived). The player themselves and admins see every attempt.
 */
function visibleAttempts(userId: string, everything: boolean): SQL | undefined {
  if (everything) return eq(attempts.userId, userId);
  return and(
    eq(attempts.userId, userId),
    inArray(attempts.status, ['passed', 'failed']),
    eq(challenges.published, true),
    isNull(challenges.archivedAt),
  );
}

/** Everything a progress page shows from Postgres, in one round trip. */
export async function progressRows(db: Database, userId: string, recent: number, everything: boolean) {
  const [player, recentRows, earned, allBadges] = await inOneRoundTrip(db, [
    playerSnapshotQuery(db, userId),
    db
      .select({ attempt: attempts, title: challenges.title })
      .from(attempts)
      .innerJoin(challenges, eq(challenges.id, attempts.challengeId))
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
