import { AppError } from '../../lib/app-error';
import type { AppRouteHandler } from '../../lib/types';
import { readRange, readRank, withPlayers } from '../../services/leaderboard/reader';
import { userExists } from './leaderboard.queries';
import type { AroundRoute, TopRoute } from './leaderboard.routes';
import { SOURCE_HEADER } from './leaderboard.schemas';

export const top: AppRouteHandler<TopRoute> = async (c) => {
  const { window, limit } = c.req.valid('query');
  const { source, entries } = await readRange(c.var.services, window, 0, limit, new Date());
  c.header(SOURCE_HEADER, source);
  return c.json({ window, entries: await withPlayers(c.var.services, entries) }, 200);
};

export const around: AppRouteHandler<AroundRoute> = async (c) => {
  const { userId } = c.req.valid('param');
  const { window, radius } = c.req.valid('query');
  const services = c.var.services;
  if (!(await userExists(services.db, userId))) throw new AppError({ code: 'not_found', message: 'User not found' });

  const now = new Date();
  const { rank, source } = await readRank(services, window, userId, now);
  if (rank === null) {
    c.header(SOURCE_HEADER, source);
    return c.json({ window, user_id: userId, rank: null, entries: [] }, 200);
  }
  const offset = Math.max(0, rank - 1 - radius);
  const page = await readRange(services, window, offset, rank - 1 - offset + 1 + radius, now);
  c.header(SOURCE_HEADER, page.source === 'postgres' ? 'postgres' : source);
  return c.json({ window, user_id: userId, rank, entries: await withPlayers(services, page.entries) }, 200);
};
