import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, openApiErrorResponses } from '../../lib/openapi';

const tags = ['System'];

export const DependencyCheckSchema = z.object({
  status: z.enum(['up', 'down']),
  latency_ms: z.number(),
  error: z.string().optional(),
});

export const ReadinessSchema = z
  .object({
    status: z.literal('ready'),
    checks: z.object({ postgres: DependencyCheckSchema, redis: DependencyCheckSchema }),
  })
  .openapi('Readiness');

export const health = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags,
  security: [],
  summary: 'Liveness: the worker answers',
  description: 'Touches neither Postgres nor Redis: a 200 says this worker runs. Use /health/ready for the backing services.',
  responses: {
    200: {
      description: 'The worker is alive',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok'), time: z.string() }) } },
    },
    500: openApiErrorResponses[500],
    503: errorResponse('service_unavailable', {
      description: 'The deployment’s configuration is invalid; the log names the setting',
      message: 'The service is misconfigured and refuses to serve; its log names the setting',
    }),
  },
});

export const ready = createRoute({
  method: 'get',
  path: '/health/ready',
  operationId: 'getReadiness',
  tags,
  security: [],
  summary: 'Readiness: Postgres and Redis are reachable',
  description: 'Checks Postgres through the Neon driver and Redis through @upstash/redis. 503 names what is down.',
  responses: {
    200: { description: 'Both services are up', content: { 'application/json': { schema: ReadinessSchema } } },
    500: openApiErrorResponses[500],
    503: errorResponse('service_unavailable', {
      description: 'A service is down; `details.checks` says which. Retry after `Retry-After` seconds.',
      message: 'Unavailable: redis',
      details: {
        down: ['redis'],
        checks: { postgres: { status: 'up', latency_ms: 4 }, redis: { status: 'down', latency_ms: 3001, error: 'redis timed out after 3000 ms' } },
      },
      headers: openApiErrorResponses[503].headers,
    }),
  },
});

export type HealthRoute = typeof health;
export type ReadyRoute = typeof ready;
