import { startRecalcJob } from '../../awards/recalc-xp';
import type { AppRouteHandler } from '../../lib/types';
import { findJob } from './admin.queries';
import type { GetJobRoute, RecalcXpRoute, StatsRoute } from './admin.routes';
import { gameCounts, newPlayersPerDay } from '../../services/game-counts';

const STATS_DAYS = 14;


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
  const jobId = await startRecalcJob(c.var.services, c.var.user.id);
  return c.json(await findJob(c.var.services.db, jobId), 202);
};

export const getJob: AppRouteHandler<GetJobRoute> = async (c) => c.json(await findJob(c.var.services.db, c.req.valid('param').id), 200);
