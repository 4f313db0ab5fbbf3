import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { jobs } from '../../db/schema';
import { startRecalcJob } from '../../jobs/recalc-xp';
import { AppError } from '../../lib/app-error';
import type { AppRouteHandler } from '../../lib/types';
import type { GetJobRoute, RecalcXpRoute, StatsRoute } from './admin.routes';
import { gameCounts, newPlayersPerDay } from './admin.queries';

const STATS_DAYS = 14;

async function findJob(db: Database, id: string) {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  if (!job) throw new AppError({ code: 'not_found', message: 'Job not found' });
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    processed: job.processed,
    total: job.total,
    error: job.error,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
  };
}

export const stats: AppRouteHandler<StatsRoute> = async (c) => {
  const { db } = c.var.services;
  const [counts, perDay] = await Promise.all([gameCounts(db), newPlayersPerDay(db, STATS_DAYS)]);
  return c.json(
    {
      players: counts.players,
      challenges: counts.challenges,
      attempts: counts.attempts,
      xp_awarded: counts.xpAwarded,
      badges_awarded: counts.badgesAwarded,
      awards_pending: counts.awardsPending,
      new_players_per_day: perDay,
    },
    200,
  );
};

export const recalcXp: AppRouteHandler<RecalcXpRoute> = async (c) => {
  const { db } = c.var.services;
  const jobId = await startRecalcJob(db, c.env.AWARDS_QUEUE, c.var.user.id);
  return c.json(await findJob(db, jobId), 202);
};

export const getJob: AppRouteHandler<GetJobRoute> = async (c) => c.json(await findJob(c.var.services.db, c.req.valid('param').id), 200);
