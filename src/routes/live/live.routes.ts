import { createRoute } from '@hono/zod-openapi';
import { errorExample, errorResponse, openApiErrorResponses, rateLimitedResponse } from '../../lib/openapi';
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
    426: errorResponse(
      'Not a WebSocket upgrade (send `Upgrade: websocket`)',
      errorExample('upgrade_required', 'This is a WebSocket endpoint: connect with a WebSocket client'),
    ),
    ...rateLimitedResponse,
    ...openApiErrorResponses,
  },
});

export type LiveRoute = typeof live;
