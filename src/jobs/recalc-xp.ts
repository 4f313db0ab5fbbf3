import { sql } from 'drizzle-orm';
import { grantEarnedBadges } from '../awards/grant-badges';
import { playerSnapshot } from '../awards/player-stats';
import type { Database } from '../db/client';
import { leaderboardWindows } from '../domain/leaderboard-window';
import { log } from '../lib/logger';
import type { Services } from '../middleware/init';
import type { QueueMessage, RecalcXpMessage } from '../queue/messages';
import { rebuildBoard } from '../services/board-rebuild';

export const RECALC_BATCH_SIZE = 200;

/** Creates the job row and enqueues its first batch. */
export async function startRecalcJob(db: Database, queue: Queue, createdBy: string) {
  const [job] = (
    await db.execute(sql`
      insert into jobs (kind, status, total, created_by)
      values ('recalc_xp', 'queued', (select count(*) from users), ${createdBy}) returning id`)
  ).rows as { id: string }[];
  const message: QueueMessage = { type: 'recalc_xp', jobId: job!.id };
  await queue.send(message);
  return job!.id;
}

/**
 * One batch: totals and levels recomputed from the ledger, badges backfilled, progress recorded;
 * then the next batch is enqueued, or the boards are rebuilt and the job finishes. Every step
 * recomputes from Postgres, so a replayed batch does the same thing again, harmlessly.
 */
export async function runRecalcBatch(services: Pick<Services, 'db' | 'leaderboard'>, queue: Queue, message: RecalcXpMessage) {
  const { db } = services;
  const found = await db.execute(sql`select status from jobs where id = ${message.jobId}`);
  const job = found.rows[0] as { status: string } | undefined;
  if (!job || job.status === 'succeeded' || job.status === 'failed') return;
  await db.execute(sql`update jobs set status = 'running', started_at = coalesce(started_at, now()) where id = ${message.jobId}`);

  const after = message.afterUserId ?? '00000000-0000-0000-0000-000000000000';
  const batch = (await db.execute(sql`select id from users where id > ${after} order by id limit ${RECALC_BATCH_SIZE}`)).rows as { id: string }[];
  const ids = batch.map((u) => u.id);
  if (ids.length > 0) {
    const repaired = await db.execute(sql`
      with ledger as (
        select u.id, coalesce(sum(e.xp), 0)::int as xp, max(e.created_at) filter (where e.xp > 0) as reached
        from users u left join xp_events e on e.user_id = u.id
        where u.id = any(${sql.param(ids)}::uuid[])
        group by u.id)
      update users u set total_xp = l.xp, level = floor(sqrt(l.xp::numeric / 100))::int + 1,
        xp_reached_at = coalesce(l.reached, u.xp_reached_at)
      from ledger l where u.id = l.id and (u.total_xp <> l.xp or u.level <> floor(sqrt(l.xp::numeric / 100))::int + 1)
      returning u.id`);
    if (repaired.rows.length > 0) log.warn('xp_totals_repaired', { job_id: message.jobId, users: repaired.rows.length });
    for (const id of ids) {
      const snapshot = await playerSnapshot(db, id);
      if (snapshot) await grantEarnedBadges(db, id, snapshot.stats, { recalc_job: message.jobId });
    }
  }
  const last = ids.at(-1);
  await db.execute(sql`
    update jobs set processed = (select count(*) from users where id <= ${last ?? after}) where id = ${message.jobId}`);

  if (ids.length === RECALC_BATCH_SIZE && last) {
    const next: QueueMessage = { type: 'recalc_xp', jobId: message.jobId, afterUserId: last };
    await queue.send(next);
    return;
  }
  const now = new Date();
  for (const window of leaderboardWindows) {
    await rebuildBoard(db, services.leaderboard, window, now);
  }
  await db.execute(sql`update jobs set status = 'succeeded', finished_at = now(), processed = total where id = ${message.jobId}`);
  log.info('job_finished', { job_id: message.jobId, kind: 'recalc_xp' });
}

export async function failJob(db: Database, jobId: string, error: string) {
  await db.execute(sql`update jobs set status = 'failed', error = ${error.slice(0, 1000)}, finished_at = now() where id = ${jobId}`);
}
