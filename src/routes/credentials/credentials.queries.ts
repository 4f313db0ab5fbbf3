import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { badges, credentials, userBadges, users } from '../../db/schema';

export async function findUser(db: Database, id: string) {
  const [row] = await db.select({ id: users.id, profile: users.profile }).from(users).where(eq(users.id, id));
  return row;
}

/** The player's credentials with their badge, most recently awarded first. */
export function listCredentials(db: Database, userId: string) {
  return db
    .select({
      id: credentials.id,
      badgeId: credentials.badgeId,
      badgeName: badges.name,
      awardedAt: userBadges.awardedAt,
      issuedAt: credentials.issuedAt,
      revokedAt: credentials.revokedAt,
    })
    .from(credentials)
    .innerJoin(badges, eq(badges.id, credentials.badgeId))
    .innerJoin(userBadges, sql`${userBadges.userId} = ${credentials.userId} and ${userBadges.badgeId} = ${credentials.badgeId}`)
    .where(eq(credentials.userId, userId))
    .orderBy(desc(userBadges.awardedAt), desc(credentials.id));
}

/** Whether the player has an earned badge without its credential yet (then the list issues it). */
export async function hasUnissued(db: Database, userId: string): Promise<boolean> {
  const { rows } = await db.execute<{ missing: boolean }>(sql`
    select exists (
      select 1 from ${userBadges} ub
      where ub.user_id = ${userId}
        and not exists (select 1 from ${credentials} c where c.user_id = ub.user_id and c.badge_id = ub.badge_id)
    ) as missing`);
  return rows[0]?.missing === true;
}

export async function findCredential(db: Database, id: string) {
  const [row] = await db.select().from(credentials).where(eq(credentials.id, id));
  return row;
}

export async function findBadge(db: Database, id: string) {
  const [row] = await db.select().from(badges).where(eq(badges.id, id));
  return row;
}

/** Sets or clears `profile.did`, keeping the rest of the profile. */
export async function setProfileDid(db: Database, userId: string, did: string | null) {
  const profile = did === null ? sql`${users.profile} - 'did'` : sql`${users.profile} || jsonb_build_object('did', ${did}::text)`;
  const rows = await db.update(users).set({ profile }).where(eq(users.id, userId)).returning({ id: users.id });
  return rows.length > 0;
}
