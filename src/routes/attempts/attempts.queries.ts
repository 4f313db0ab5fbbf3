import { and, desc, eq, exists, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { pgError } from '../../db/pg-errors';
import { attempts, challenges } from '../../db/schema';
import type { SortKey } from '../../lib/cursor';
import { isPlayable } from '../challenges/challenges.queries';

export type AttemptRow = typeof attempts.$inferSelect;

export function toAttempt(row: AttemptRow) {
  return {
    id: row.id,
    user_id: row.userId,
    challenge_id: row.challengeId,
    status: row.status,
    score: row.score,
    xp_awarded: row.xpAwarded,
    started_at: row.startedAt.toISOString(),
    submitted_at: row.submittedAt?.toISOString() ?? null,
    awarded_at: row.awardedAt?.toISOString() ?? null,
  };
}


export async function findPlayableChallenge(db: Database, challengeId: string) {
  const [row] = await db
    .select({ id: challenges.id })
    .from(challenges)
    .where(and(eq(challenges.id, challengeId), isPlayable));
  return row;
}

/**
 * Opens an attempt, or returns the player's open one at this challenge: one statement. The partial
 * unique index (one 'started' attempt per player and challenge) is the arbiter, so concurrent starts
 * open exactly one; the no-op update on conflict makes RETURNING give back the existing row, and
 * `xmax = 0` is true only for a row this statement inserted. A challenge that is not playable (or
 * not there) makes the subquery NULL, which the NOT NULL challenge_id refuses (23502): undefined.
 */
export async function openAttempt(db: Database, userId: string, challengeId: string): Promise<{ row: AttemptRow; created: boolean } | undefined> {
  const playable = sql`(select ${challenges.id} from ${challenges} where ${and(eq(challenges.id, challengeId), isPlayable)})`;
  try {
    const [opened] = await db
      .insert(attempts)
      .values({ userId, challengeId: playable })
      .onConflictDoUpdate({
        target: [attempts.userId, attempts.challengeId],
        targetWhere: sql`status = 'started'`, // a literal: the index predicate must be provable at plan time
        set: { startedAt: sql`${attempts.startedAt}` },
      })
      .returning({ ...getTableColumns(attempts), created: sql<boolean>`xmax = 0` });
    if (!opened) return undefined;
    const { created, ...row } = opened;
    return { row, created };
  } catch (err) {
    if (pgError(err)?.code === '23502') return undefined;
    throw err;
  }
}

/** The owner's attempt, or undefined (also for someone else's: callers answer 404 either way). */
export async function findOwnAttempt(db: Database, id: string, userId: string) {
  const [row] = await db.select().from(attempts).where(and(eq(attempts.id, id), eq(attempts.userId, userId)));
  return row;
}

const sortKey = sql<string>`to_char(${attempts.startedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function listOwnAttempts(
  db: Database,
  userId: string,
  filter: { status?: AttemptRow['status']; challengeId?: string; limit: number; after?: SortKey },
) {
  const conditions: (SQL | undefined)[] = [
    eq(attempts.userId, userId),
    filter.status ? eq(attempts.status, filter.status) : undefined,
    filter.challengeId ? eq(attempts.challengeId, filter.challengeId) : undefined,
    filter.after ? sql`(${attempts.startedAt}, ${attempts.id}) < (${filter.after.createdAt}::timestamptz, ${filter.after.id}::uuid)` : undefined,
  ];
  const rows = await db
    .select({ row: attempts, sortKey })
    .from(attempts)
    .where(and(...conditions))
    .orderBy(desc(attempts.startedAt), desc(attempts.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  const next: SortKey | undefined = rows.length > filter.limit && last ? { createdAt: last.sortKey, id: last.row.id } : undefined;
  return { items: page.map((r) => r.row), next };
}

export interface Submission {
  status: 'passed' | 'failed';
  score: number;
  solution: string | null;
  metadata: Record<string, unknown>;
}

/**
 * One conditional UPDATE decides the race: of any number of concurrent submits, exactly one finds
 * the attempt still 'started' (and owned by the caller), on a challenge that is still playable (an
 * archived or unpublished one pays nothing). One statement, so one round trip.
 */
export async function submitOwnAttempt(db: Database, id: string, userId: string, submission: Submission) {
  const playable = db.select({ id: challenges.id }).from(challenges).where(and(eq(challenges.id, attempts.challengeId), isPlayable));
  const [row] = await db
    .update(attempts)
    .set({ ...submission, submittedAt: new Date() })
    .where(and(eq(attempts.id, id), eq(attempts.userId, userId), eq(attempts.status, 'started'), exists(playable)))
    .returning();
  return row;
}

/**
 * Puts a submission back to 'started' (its award could not be enqueued, or the submit was refused), so
 * nothing is left of it. False when it cannot be: it was awarded already, or the player has started
 * another attempt on the same challenge since (the one-open-attempt index refuses a second).
 */
export async function withdrawSubmission(db: Database, id: string): Promise<boolean> {
  try {
    const rows = await db
      .update(attempts)
      .set({ status: 'started', score: null, solution: null, metadata: {}, submittedAt: null })
      .where(and(eq(attempts.id, id), isNull(attempts.awardedAt)))
      .returning({ id: attempts.id });
    return rows.length > 0;
  } catch (err) {
    if (pgError(err)?.code === '23505') return false; // attempts_one_open_per_challenge
    throw err;
  }
}
