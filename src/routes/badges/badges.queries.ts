import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { inOneRoundTrip, type Database } from '../../db/client';
import { badges, userBadges, users } from '../../db/schema';
import { BadgeConditionSchema, describeCondition, type BadgeCondition } from '../../domain/badge-conditions';
import type { BadgeResponse, CreateBadge, UpdateBadge } from './badges.schemas';

export type BadgeRow = typeof badges.$inferSelect;

/** Maps a row to the public shape, with the condition in words. */
export function toBadge(row: BadgeRow): BadgeResponse {
  // Conditions were validated on the way in; a row edited by hand must still not turn the listing into a 500.
  const parsed = BadgeConditionSchema.safeParse(row.condition);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    condition: row.condition as BadgeCondition,
    condition_text: parsed.success ? describeCondition(parsed.data) : 'Unrecognised condition',
    icon_url: row.iconUrl,
  };
}

export interface Page {
  limit: number;
  offset: number;
}

export async function listBadges(db: Database, page: Page) {
  const [rows, [total]] = await Promise.all([
    db.select().from(badges).orderBy(asc(badges.createdAt), asc(badges.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(badges),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findBadge(db: Database, id: string) {
  const [row] = await db.select().from(badges).where(eq(badges.id, id));
  return row;
}

export async function insertBadge(db: Database, input: CreateBadge) {
  const [row] = await db
    .insert(badges)
    .values({ name: input.name, description: input.description, condition: input.condition, iconUrl: input.icon_url })
    .returning();
  return row;
}

export async function updateBadge(db: Database, id: string, input: UpdateBadge) {
  const [row] = await db
    .update(badges)
    .set({
      name: input.name,
      description: input.description,
      condition: input.condition,
      iconUrl: input.icon_url,
      updatedAt: sql`now()`,
    })
    .where(eq(badges.id, id))
    .returning();
  return row;
}

/** Badges are never taken away, so a badge someone has earned can't be deleted; returns false then. */
export async function deleteUnawarded(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .delete(badges)
    .where(and(eq(badges.id, id), sql`not exists (select 1 from ${userBadges} where ${userBadges.badgeId} = ${id})`))
    .returning({ id: badges.id });
  return rows.length > 0;
}

function earnedBadgesQueries(db: Database, userId: string, page: Page) {
  return [
    db
      .select({ badge: badges, awardedAt: userBadges.awardedAt })
      .from(userBadges)
      .innerJoin(badges, eq(badges.id, userBadges.badgeId))
      .where(eq(userBadges.userId, userId))
      .orderBy(desc(userBadges.awardedAt), asc(badges.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(userBadges).where(eq(userBadges.userId, userId)),
  ] as const;
}

type EarnedRows = { badge: BadgeRow; awardedAt: Date }[];

function toEarnedPage(rows: EarnedRows, total: { n: number }[]) {
  return {
    items: rows.map((r) => ({ ...toBadge(r.badge), awarded_at: r.awardedAt.toISOString() })),
    total: total[0]?.n ?? 0,
  };
}

/** A user's earned badges, most recent first. */
export async function earnedBadges(db: Database, userId: string, page: Page) {
  const [rows, total] = await inOneRoundTrip(db, earnedBadgesQueries(db, userId, page));
  return toEarnedPage(rows, total);
}

/** Someone's earned badges, or undefined if there is no such user: one round trip. */
export async function userBadgesPage(db: Database, userId: string, page: Page) {
  const [user, rows, total] = await inOneRoundTrip(db, [
    db.select({ id: users.id }).from(users).where(eq(users.id, userId)),
    ...earnedBadgesQueries(db, userId, page),
  ]);
  return user.length > 0 ? toEarnedPage(rows, total) : undefined;
}
