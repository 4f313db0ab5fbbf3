import { createRoute } from '@hono/zod-openapi';
import { errorResponse, invalidResponse, openApiErrorResponses, retryAfterHeader } from '../../lib/openapi';
import { LIVE_PROTOCOL_DESCRIPTION, LiveHeadersSchema, LiveQuerySchema } from './live.schemas';

export const live = createRoute({
  method: 'get',
  path: '/leaderboard/live',
  operationId: 'openLiveLeaderboard',
  tags: ['Leaderboard'],
  security: [],
  summary: 'Live leaderboard (WebSocket)',
  description: LIVE_PROTOCOL_DESCRIPTION,
  request: { query: LiveQuerySchema, headers: LiveHeadersSchema },
  responses: {
    101: { description: 'Switching Protocols: the WebSocket is open and the first message is a `snapshot`' },
    426: errorResponse('upgrade_required', {
      description: 'Not a WebSocket upgrade (send `Upgrade: websocket`)',
      message: 'This is a WebSocket endpoint: connect with a WebSocket client',
    }),
    429: errorResponse('rate_limited', {
      description: 'Your address already has LIVE_MAX_SOCKETS_PER_CLIENT live sockets open; close one first',
      message: 'Your address already has 20 live sockets open (the most allowed); close one first',
      details: { retry_after_seconds: 30 },
      headers: retryAfterHeader,
    }),
    ...openApiErrorResponses,
    ...invalidResponse('query', 'size', 'Too big: expected number to be <=100'),
  },
});

export type LiveRoute = typeof live;
