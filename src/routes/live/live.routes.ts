import { createRoute } from '@hono/zod-openapi';
import { ErrorSchema, openApiErrorResponses, rateLimitedResponse } from '../../lib/openapi';
import { LIVE_PROTOCOL_DESCRIPTION, LiveHeadersSchema, LiveQuerySchema } from './live.schemas';

export const live = createRoute({
  method: 'get',
  path: '/leaderboard/live',
  tags: ['Leaderboard'],
  summary: 'Live leaderboard (WebSocket)',
  description: LIVE_PROTOCOL_DESCRIPTION,
  request: { query: LiveQuerySchema, headers: LiveHeadersSchema },
  responses: {
    101: { description: 'Switching Protocols: the WebSocket is open and the first message is a `snapshot`' },
    426: {
      description: 'Not a WebSocket upgrade (send `Upgrade: websocket`)',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    ...rateLimitedResponse,
    ...openApiErrorResponses,
  },
});

export type LiveRoute = typeof live;
