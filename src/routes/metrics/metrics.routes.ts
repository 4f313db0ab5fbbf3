import { createRoute, z } from '@hono/zod-openapi';
import { authErrorResponses, bearerSecurity, errorResponse, openApiErrorResponses } from '../../lib/openapi';

export const metrics = createRoute({
  method: 'get',
  path: '/metrics',
  operationId: 'getMetrics',
  tags: ['System'],
  security: bearerSecurity,
  summary: 'Prometheus metrics (global, from Postgres)',
  description: 'Bearer METRICS_TOKEN, or an admin access token.',
  responses: {
    200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: z.string() } } },
    ...authErrorResponses,
    403: errorResponse('forbidden', { description: 'A player’s access token', message: 'Admin role or the metrics token required' }),
    ...openApiErrorResponses,
  },
});

export type MetricsRoute = typeof metrics;
