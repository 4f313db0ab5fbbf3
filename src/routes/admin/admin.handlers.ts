import { startRecalcJob } from '../../awards/recalc-xp';
import type { AppRouteHandler } from '../../lib/types';
import { adminStats } from '../../services/game-counts';
import { findJob } from './admin.queries';
import type { GetJobRoute, RecalcXpRoute, StatsRoute } from './admin.routes';

const STATS_DAYS = 14;

export const stats: AppRouteHandler<StatsRoute> = async (c) => {
  const stats = await adminStats(c.var.services.db, STATS_DAYS);
  return c.json(
    {
      players: stats.players,
      challenges: stats.challenges,
      attempts: stats.attempts,
      xp_awarded: stats.xpAwarded,
      badges_awarded: stats.badgesAwarded,
      awards_pending: stats.awardsPending,
      new_players_per_day: stats.newPlayersPerDay,
      xp_per_day: stats.xpPerDay,
    },
    200,
  );
};

export const recalcXp: AppRouteHandler<RecalcXpRoute> = async (c) => {
  const jobId = await startRecalcJob(c.var.services, c.var.user.id);
  return c.json(await findJob(c.var.services.db, jobId), 202);
};

export const getJob: AppRouteHandler<GetJobRoute> = async (c) => c.json(await findJob(c.var.services.db, c.req.valid('param').id), 200);
