import { createRoute, z } from '@hono/zod-openapi';
import { errorExample, errorResponse } from '../../lib/openapi';

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
  tags,
  summary: 'Liveness: the worker answers',
  responses: {
    200: {
      description: 'The worker is alive',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok'), time: z.string() }) } },
    },
  },
});

export const ready = createRoute({
  method: 'get',
  path: '/health/ready',
  tags,
  summary: 'Readiness: Postgres and Redis are reachable',
  description: 'Checks Postgres through the Neon driver and Redis through @upstash/redis. 503 names what is down.',
  responses: {
    200: { description: 'Both services are up', content: { 'application/json': { schema: ReadinessSchema } } },
    503: errorResponse(
      'A service is down; `details.checks` says which. Retry after `Retry-After` seconds.',
      errorExample('service_unavailable', 'Unavailable: redis', {
        down: ['redis'],
        checks: { postgres: { status: 'up', latency_ms: 4 }, redis: { status: 'down', latency_ms: 2001, error: 'connect ECONNREFUSED 127.0.0.1:6379' } },
      }),
    ),
  },
});

export type HealthRoute = typeof health;
export type ReadyRoute = typeof ready;
