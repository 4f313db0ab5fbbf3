import { createRoute, z } from '@hono/zod-openapi';
import { authErrorResponses, bearerSecurity, errorResponse, openApiErrorResponses } from '../../lib/openapi';

export const metrics = createRoute({
  method: 'get',
  path: '/metrics',
  operationId: 'getMetrics',
  tags: ['System'],
  security: bearerSecurity,
  summary: 'Prometheus metrics (global: game numbers from Postgres, HTTP requests from Redis)',
  description:
    'Bearer METRICS_TOKEN, or an admin access token. The game’s counters and gauges, and http_requests_total and the ' +
    'http_request_duration_seconds histogram by method, route template and status (absent when Redis can’t be read).',
  responses: {
    200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: z.string() } } },
    ...authErrorResponses,
    403: errorResponse('forbidden', { description: 'A player’s access token', message: 'Admin role or the metrics token required' }),
    ...openApiErrorResponses,
  },
});

export type MetricsRoute = typeof metrics;
