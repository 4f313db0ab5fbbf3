import { createRoute } from '@hono/zod-openapi';
import { notFoundResponse, openApiErrorResponses } from '../../lib/openapi';
import { AroundQuerySchema, AroundSchema, LeaderboardSchema, sourceHeaders, TopQuerySchema, UserIdParamSchema } from './leaderboard.schemas';

const tags = ['Leaderboard'];

export const top = createRoute({
  method: 'get',
  path: '/leaderboard',
  tags,
  summary: 'Top players by XP',
  description: 'Ranked by XP in the window; ties go to whoever reached the total first. Served from Redis, or from Postgres if Redis is down.',
  request: { query: TopQuerySchema },
  responses: {
    200: { description: 'The board', headers: sourceHeaders, content: { 'application/json': { schema: LeaderboardSchema } } },
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
