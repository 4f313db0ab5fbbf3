import { createRoute, z } from '@hono/zod-openapi';
import { authErrorResponses, bearerSecurity, openApiErrorResponses } from '../../lib/openapi';

export const metrics = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['System'],
  security: bearerSecurity,
  summary: 'Prometheus metrics (global, from Postgres)',
  description: 'Bearer METRICS_TOKEN, or an admin access token.',
  responses: {
    200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: z.string() } } },
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export type MetricsRoute = typeof metrics;
