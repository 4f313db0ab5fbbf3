import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { attempts, badges, challenges, userBadges, users } from '../../db/schema';

export async function findPlayer(db: Database, id: string) {
  const [user] = await db.select({ id: users.id, username: users.username, totalXp: users.totalXp }).from(users).where(eq(users.id, id));
  return user;
}

export function recentAttempts(db: Database, userId: string, limit: number) {
  return db
    .select({ attempt: attempts, title: challenges.title })
    .from(attempts)
    .innerJoin(challenges, eq(challenges.id, attempts.challengeId))
    .where(eq(attempts.userId, userId))
    .orderBy(desc(attempts.startedAt), desc(attempts.id))
    .limit(limit);
}

export function earnedBadges(db: Database, userId: string) {
  return db
    .select({ id: badges.id, name: badges.name, iconUrl: badges.iconUrl, awardedAt: userBadges.awardedAt })
    .from(userBadges)
    .innerJoin(badges, eq(badges.id, userBadges.badgeId))
    .where(eq(userBadges.userId, userId))
    .orderBy(desc(userBadges.awardedAt));
}

export function badgeConditions(db: Database) {
  return db.select({ id: badges.id, name: badges.name, condition: badges.condition }).from(badges).orderBy(badges.name);
}
