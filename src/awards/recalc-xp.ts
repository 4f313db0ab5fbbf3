import { sql } from 'drizzle-orm';
import type { Database, DbExecutor, TransactionalDatabase } from '../db/client';
import { leaderboardWindows } from '../domain/leaderboard-window';
import { levelForXp } from '../domain/levels';
import { log } from '../lib/logger';
import type { RecalcXpMessage } from '../queue/messages';
import type { Services } from '../services';
import { rebuildBoard } from '../services/leaderboard/rebuild';
import { playerSnapshot } from '../services/player-stats';
import { grantEarnedBadges } from './grant-badges';
import { fillPassDays, rebuildPlayerStats } from './rebuild-player-stats';
import { resendUnawarded } from './resend-unawarded';

export const RECALC_BATCH_SIZE = 200;

/** Creates the job row and enqueues its first batch. */
export async function startRecalcJob({ db, queue }: Pick<Services, 'db' | 'queue'>, createdBy: string) {
  const [job] = (
    await db.execute(sql`
      insert into jobs (kind, status, total, created_by)
      values ('recalc_xp', 'queued', (select count(*) from users), ${createdBy}) returning id`)
  ).rows as { id: string }[];
  await queue.send({ type: 'recalc_xp', jobId: job!.id });
  return job!.id;
}

/** Sets each player's total, level and reached-at time from the ledger, where they drifted. */
async function repairTotals(db: DbExecutor, ids: string[]): Promise<number> {
  const ledger = await db.execute(sql`
    select u.id, u.total_xp, u.level, coalesce(sum(e.xp), 0)::int as xp, max(e.created_at) filter (where e.xp > 0) as reached
    from users u left join xp_events e on e.user_id = u.id
    where u.id = any(${sql.param(ids)}::uuid[]) group by u.id`);
  const drifted = (ledger.rows as { id: string; total_xp: number; level: number; xp: number; reached: string | null }[]).filter(
    (row) => row.total_xp !== row.xp || row.level !== levelForXp(row.xp),
  );
  for (const row of drifted) {
    await db.execute(sql`
      update users set total_xp = ${row.xp}, level = ${levelForXp(row.xp)}, xp_reached_at = coalesce(${row.reached}::timestamptz, xp_reached_at)
      where id = ${row.id}`);
  }
  return drifted.length;
}

/**
 * Recomputes some players from their attempts and the ledger: totals and levels, the award's kept
 * stats (player_stats, player_challenges, pass days, window totals), then the badges they now
 * qualify for (`trigger` is the grants' metadata). Returns how many totals had drifted. The recalc
 * job runs it per batch; the seed runs it after writing the demo players' history.
 */
export async function recalcPlayers(db: TransactionalDatabase, ids: string[], trigger: Record<string, unknown>): Promise<number> {
  if (ids.length === 0) return 0;
  await fillPassDays(db, ids);
  // The players stay locked while their totals and kept stats are recomputed, as an award locks its player.
  const repaired = await db.transaction(async (tx) => {
    await tx.execute(sql`select id from users where id = any(${sql.param(ids)}::uuid[]) order by id for update`);
    const drifted = await repairTotals(tx, ids);
    await rebuildPlayerStats(tx, ids);
    return drifted;
  });
  for (const id of ids) {
    const snapshot = await playerSnapshot(db, id);
    if (snapshot) await grantEarnedBadges(db, id, snapshot.stats, trigger);
  }
  return repaired;
}

/**
 * One batch: totals and levels recomputed from the ledger, the award's kept stats (player_stats,
 * player_challenges, pass days, window totals) rebuilt, lost awards sent again, badges backfilled, progress recorded;
 * then the next batch is enqueued, or the boards are rebuilt and the job finishes. Every step
 * recomputes from Postgres, so a replayed batch does the same thing again, harmlessly.
 */
export async function runRecalcBatch(message: RecalcXpMessage, { pool: db, leaderboard, queue }: Pick<Services, 'pool' | 'leaderboard' | 'queue'>) {
  const found = await db.execute(sql`select status from jobs where id = ${message.jobId}`);
  const job = found.rows[0] as { status: string } | undefined;
  if (!job || job.status === 'succeeded' || job.status === 'failed') return;
  await db.execute(sql`update jobs set status = 'running', started_at = coalesce(started_at, now()) where id = ${message.jobId}`);

  const after = message.afterUserId ?? '00000000-0000-0000-0000-000000000000';
  const batch = (await db.execute(sql`select id from users where id > ${after} order by id limit ${RECALC_BATCH_SIZE}`)).rows as { id: string }[];
  const ids = batch.map((u) => u.id);
  if (ids.length > 0) {
    const repaired = await recalcPlayers(db, ids, { recalc_job: message.jobId });
    if (repaired > 0) log.warn('xp_totals_repaired', { job_id: message.jobId, users: repaired });
    const resent = await resendUnawarded(db, queue, ids);
    if (resent.length > 0) log.warn('unawarded_attempts_resent', { job_id: message.jobId, attempts: resent.length });
  }
  const last = ids.at(-1);
  await db.execute(sql`
    update jobs set processed = (select count(*) from users where id <= ${last ?? after}) where id = ${message.jobId}`);

  if (ids.length === RECALC_BATCH_SIZE && last) {
    await queue.send({ type: 'recalc_xp', jobId: message.jobId, afterUserId: last });
    return;
  }
  const now = new Date();
  for (const window of leaderboardWindows) {
    await rebuildBoard(db, leaderboard, window, now);
  }
  await db.execute(sql`update jobs set status = 'succeeded', finished_at = now(), processed = total where id = ${message.jobId}`);
  log.info('job_finished', { job_id: message.jobId, kind: 'recalc_xp' });
}

export async function failJob(db: Database, jobId: string, error: string) {
  await db.execute(sql`update jobs set status = 'failed', error = ${error.slice(0, 1000)}, finished_at = now() where id = ${jobId}`);
}
