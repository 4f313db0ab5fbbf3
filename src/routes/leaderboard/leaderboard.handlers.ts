import { AppError } from '../../lib/app-error';
import type { AppRouteHandler } from '../../lib/types';
import { readAround, readTop } from '../../services/leaderboard/reader';
import { userExists } from './leaderboard.queries';
import type { AroundRoute, TopRoute } from './leaderboard.routes';
import { SOURCE_HEADER } from './leaderboard.schemas';

export const top: AppRouteHandler<TopRoute> = async (c) => {
  const { window, limit } = c.req.valid('query');
  const { source, entries } = await readTop(c.var.services, window, 0, limit, new Date());
  c.header(SOURCE_HEADER, source);
  return c.json({ window, entries }, 200);
};

export const around: AppRouteHandler<AroundRoute> = async (c) => {
  const { userId } = c.req.valid('param');
  const { window, radius } = c.req.valid('query');
  const { source, rank, entries } = await readAround(c.var.services, window, userId, radius, new Date());
  // A ranked player exists; only an unranked id needs Postgres to tell "no XP yet" from "no such player".
  if (rank === null && !(await userExists(c.var.services.db, userId))) {
    throw new AppError({ code: 'not_found', message: 'User not found' });
  }
  c.header(SOURCE_HEADER, source);
  return c.json({ window, user_id: userId, rank, entries }, 200);
};
