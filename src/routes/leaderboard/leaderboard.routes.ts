import { createRoute } from '@hono/zod-openapi';
import { invalidResponse, notFoundResponseFor, openApiErrorResponses } from '../../lib/openapi';
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
  operationId: 'getLeaderboard',
  tags,
  security: [],
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
    ...invalidResponse('query', 'window', 'Invalid option: expected one of "all"|"week"|"month"'),
  },
});

export const around = createRoute({
  method: 'get',
  path: '/leaderboard/around/{userId}',
  operationId: 'getLeaderboardAround',
  tags,
  security: [],
  summary: 'The players just above and below a player',
  description:
    'Public. The player’s rank in the window and up to `radius` players on each side. A player with no XP in the window ' +
    'has `rank: null` and no neighbours. Served from Redis, or from Postgres if Redis is down (`X-Leaderboard-Source`).',
  request: { params: UserIdParamSchema, query: AroundQuerySchema },
  responses: {
    200: { description: 'The neighbourhood', headers: sourceHeaders, content: { 'application/json': { schema: AroundSchema } } },
    ...notFoundResponseFor('User not found', 'No such user'),
    ...openApiErrorResponses,
    ...invalidResponse('query', 'radius', 'Too big: expected number to be <=25'),
  },
});

export type TopRoute = typeof top;
export type AroundRoute = typeof around;
