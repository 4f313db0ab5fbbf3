import { and, arrayContains, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { attempts, challenges } from '../../db/schema';
import type { SortKey } from '../../lib/cursor';
import type { ChallengeResponse, CreateChallenge, UpdateChallenge } from './challenges.schemas';

export type ChallengeRow = typeof challenges.$inferSelect;

/** Maps a row to the public shape: created_by and archived_at never leave the server. */
export function toChallenge(row: ChallengeRow): ChallengeResponse {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    xp: row.xp,
    difficulty: row.difficulty,
    tags: row.tags,
    published: row.published,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** What a caller may see: players only published, live challenges; admins may opt into more. */
export interface Visibility {
  unpublished: boolean;
  archived: boolean;
}
export const PLAYER_VISIBILITY: Visibility = { unpublished: false, archived: false };

function visible({ unpublished, archived }: Visibility): SQL | undefined {
  const live = and(isNull(challenges.archivedAt), unpublished ? undefined : eq(challenges.published, true));
  return archived ? or(live, isNotNull(challenges.archivedAt)) : live;
}

/** A challenge players can see, attempt and be paid for: published and not archived. */
export const isPlayable = visible(PLAYER_VISIBILITY)!;

/** `\`, `%` and `_` in user text match themselves, not LIKE wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export interface ListFilter {
  difficulty?: ChallengeRow['difficulty'];
  tag?: string;
  q?: string;
  after?: SortKey;
  limit: number;
  visibility: Visibility;
}

const sortKey = sql<string>`to_char(${challenges.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** One page, newest first, plus one extra row to tell whether another page follows. */
export async function listChallenges(db: Database, filter: ListFilter) {
  const where = and(
    visible(filter.visibility),
    filter.difficulty ? eq(challenges.difficulty, filter.difficulty) : undefined,
    filter.tag ? arrayContains(challenges.tags, [filter.tag]) : undefined,
    filter.q ? or(ilike(challenges.title, likePattern(filter.q)), ilike(challenges.description, likePattern(filter.q))) : undefined,
    filter.after
      ? sql`(${challenges.createdAt}, ${challenges.id}) < (${filter.after.createdAt}::timestamptz, ${filter.after.id}::uuid)`
      : undefined,
  );
  const rows = await db
    .select({ row: challenges, sortKey })
    .from(challenges)
    .where(where)
    .orderBy(desc(challenges.createdAt), desc(challenges.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  const next = rows.length > filter.limit && last ? { createdAt: last.sortKey, id: last.row.id } : undefined;
  return { rows: page.map((r) => r.row), next };
}

export async function findChallenge(db: Database, id: string, visibility: Visibility) {
  const [row] = await db.select().from(challenges).where(and(eq(challenges.id, id), visible(visibility)));
  return row;
}

export async function insertChallenge(db: Database, input: CreateChallenge, createdBy: string) {
  const [row] = await db.insert(challenges).values({ ...input, createdBy }).returning();
  return row;
}

/** Archived challenges are frozen: only live ones (published or not) are updated. */
export async function updateChallenge(db: Database, id: string, input: UpdateChallenge) {
  const [row] = await db
    .update(challenges)
    .set({ ...input, updatedAt: sql`now()` })
    .where(and(eq(challenges.id, id), isNull(challenges.archivedAt)))
    .returning();
  return row;
}

export async function challengeExists(db: Database, id: string): Promise<boolean> {
  const rows = await db.select({ id: challenges.id }).from(challenges).where(eq(challenges.id, id));
  return rows.length > 0;
}

/** Removes a challenge nobody has attempted; returns false if attempts exist (or the id is unknown). */
export async function deleteUnattempted(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .delete(challenges)
    .where(and(eq(challenges.id, id), sql`not exists (select 1 from ${attempts} where ${attempts.challengeId} = ${id})`))
    .returning({ id: challenges.id });
  return rows.length > 0;
}

/** Hides a challenge that has attempts, keeping them (and the XP ledger) intact. */
export async function archiveChallenge(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .update(challenges)
    .set({ archivedAt: sql`coalesce(${challenges.archivedAt}, now())`, published: false, updatedAt: sql`now()` })
    .where(eq(challenges.id, id))
    .returning({ id: challenges.id });
  return rows.length > 0;
}
