import { createRoute } from '@hono/zod-openapi';
import { notFoundResponse, openApiErrorResponses } from '../../lib/openapi';
import { edgeCache, edgeCacheHeaders, notModifiedResponse } from '../../middleware/edge-cache';
import { AroundQuerySchema, AroundSchema, LeaderboardSchema, SOURCE_HEADER, sourceHeaders, TopQuerySchema, UserIdParamSchema } from './leaderboard.schemas';

const tags = ['Leaderboard'];

/** The page follows the live feed, so only API readers see this copy; the Postgres fallback is never shared. */
const boardCache = edgeCache({
  maxAge: (config) => config.EDGE_CACHE_LEADERBOARD_SECONDS,
  shareable: (res) => res.headers.get(SOURCE_HEADER) !== 'postgres',
});

export const top = createRoute({
  method: 'get',
  path: '/leaderboard',
  tags,
  summary: 'Top players by XP',
  description:
    'Ranked by XP in the window; ties go to whoever reached the total first. Served from Redis, or from Postgres if Redis is down. ' +
    'Kept at the edge per URL and sent with `Cache-Control: public, max-age=N` (`EDGE_CACHE_LEADERBOARD_SECONDS`, default 5); ' +
    'an answer from Postgres is `no-cache` and not kept. Every 200 has an `ETag`; send it as `If-None-Match` to get a 304.',
  middleware: [boardCache],
  request: { query: TopQuerySchema },
  responses: {
    200: {
      description: 'The board',
      headers: sourceHeaders.extend(edgeCacheHeaders.shape),
      content: { 'application/json': { schema: LeaderboardSchema } },
    },
    ...notModifiedResponse,
    ...openApiErrorResponses,
  },
});

export const around = createRoute({
  method: 'get',
  path: '/leaderboard/around/{userId}',
  tags,
  summary: 'The players just above and below a player',
  request: { params: UserIdParamSchema, query: AroundQuerySchema },
  responses: {
    200: { description: 'The neighbourhood', headers: sourceHeaders, content: { 'application/json': { schema: AroundSchema } } },
    ...notFoundResponse,
    ...openApiErrorResponses,
  },
});

export type TopRoute = typeof top;
export type AroundRoute = typeof around;
