import type { Context } from 'hono';
import { AppError } from '../../lib/app-error';
import { constantTimeEqual } from '../../domain/constant-time';
import type { AppBindings, AppRouteHandler } from '../../lib/types';
import { authenticate, bearerToken } from '../../middleware/auth';
import { log } from '../../lib/logger';
import { gameCounts } from '../../services/game-counts';
import { createHttpMetrics, type RequestSeries } from '../../services/http-metrics';
import { httpFamilies } from './http-families';
import type { MetricsRoute } from './metrics.routes';
import { renderPrometheus, type MetricFamily } from './prometheus';

/** The configured METRICS_TOKEN (for scrapers) or an admin access token. */
async function authorizeScrape(c: Context<AppBindings>): Promise<void> {
  const token = bearerToken(c);
  const { METRICS_TOKEN } = c.var.config;
  if (METRICS_TOKEN && constantTimeEqual(token, METRICS_TOKEN)) return;
  const user = await authenticate(c, token); // the role as the database has it now
  if (user.role !== 'admin') throw new AppError({ code: 'forbidden', message: 'Admin role or the metrics token required' });
}

/** The HTTP series from Redis; none when they are off or Redis can't be read (the game's numbers still answer). */
async function httpSeries(c: Context<AppBindings>): Promise<RequestSeries[] | null> {
  if (!c.var.config.HTTP_METRICS_ENABLED) return null;
  try {
    return await createHttpMetrics(c.var.services.redis, c.var.config.REDIS_KEY_PREFIX).read();
  } catch (err) {
    log.warn('http_metrics_read_failed', { error_message: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

export const metrics: AppRouteHandler<MetricsRoute> = async (c) => {
  await authorizeScrape(c);
  const [counts, http] = await Promise.all([gameCounts(c.var.services.db), httpSeries(c)]);
  const families: MetricFamily[] = [
    { name: 'skillquest_players', help: 'Registered players.', type: 'gauge', samples: [{ value: counts.players }] },
    {
      name: 'skillquest_challenges',
      help: 'Challenges by state.',
      type: 'gauge',
      samples: Object.entries(counts.challenges).map(([state, value]) => ({ labels: { state }, value })),
    },
    {
      name: 'skillquest_attempts',
      help: 'Attempts by status.',
      type: 'gauge',
      samples: Object.entries(counts.attempts).map(([status, value]) => ({ labels: { status }, value })),
    },
    { name: 'skillquest_xp_awarded_total', help: 'XP awarded, from the ledger.', type: 'counter', samples: [{ value: counts.xpAwarded }] },
    { name: 'skillquest_badges_awarded_total', help: 'Badges awarded.', type: 'counter', samples: [{ value: counts.badgesAwarded }] },
    {
      name: 'skillquest_awards_pending',
      help: 'Submitted attempts not yet awarded: the award queue backlog as Postgres sees it.',
      type: 'gauge',
      samples: [{ value: counts.awardsPending }],
    },
    {
      name: 'skillquest_jobs',
      help: 'Background jobs by status.',
      type: 'gauge',
      samples: Object.entries(counts.jobs).map(([status, value]) => ({ labels: { status }, value })),
    },
    ...(http ? httpFamilies(http) : []),
  ];
  return c.text(renderPrometheus(families), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
};
