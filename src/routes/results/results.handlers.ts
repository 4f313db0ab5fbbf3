import { AppError } from '../../lib/app-error';
import type { AppRouteHandler } from '../../lib/types';
import { idempotent } from './idempotency';
import { recordResults, type ReportedResult } from './record-results';
import type { GetExternalPlayerRoute, ReportResultRoute, ReportResultsRoute } from './results.routes';
import * as queries from './results.queries';

const replayed = (yes: boolean): Record<string, string> => (yes ? { 'Idempotent-Replayed': 'true' } : {});

export const reportResult: AppRouteHandler<ReportResultRoute> = async (c) => {
  const body = c.req.valid('json');
  const answer = await idempotent(c, c.req.valid('header')['idempotency-key'], body, async () => {
    const [outcome] = await recordResults(c.var.services, [body], c.var.requestId);
    if (!outcome?.ok) throw new AppError(outcome?.error ?? { code: 'internal_error', message: 'No outcome' });
    return { status: 202, body: outcome.result };
  });
  return c.json(answer.body as ReportedResult, 202, replayed(answer.replayed));
};

export const reportResults: AppRouteHandler<ReportResultsRoute> = async (c) => {
  const body = c.req.valid('json');
  const answer = await idempotent(c, c.req.valid('header')['idempotency-key'], body, async () => {
    const outcomes = await recordResults(c.var.services, body.results, c.var.requestId);
    const results = outcomes.map((outcome, index) =>
      outcome.ok ? { index, status: 'accepted' as const, result: outcome.result } : { index, status: 'rejected' as const, error: outcome.error },
    );
    const accepted = results.filter((r) => r.status === 'accepted').length;
    return { status: 200, body: { accepted, rejected: results.length - accepted, results } };
  });
  return c.json(answer.body, 200, replayed(answer.replayed));
};

export const getExternalPlayer: AppRouteHandler<GetExternalPlayerRoute> = async (c) => {
  const { external_id } = c.req.valid('param');
  const player = await queries.findExternalPlayer(c.var.services.db, external_id);
  if (!player) throw new AppError({ code: 'not_found', message: 'No player has this external id' });
  return c.json({ id: player.id, external_id, username: player.username, total_xp: player.totalXp, level: player.level,
    created_at: player.createdAt.toISOString() }, 200);
};
