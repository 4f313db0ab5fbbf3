import { createRoute } from '@hono/zod-openapi';
import { authErrorResponses, jsonResponse, openApiErrorResponses } from '../../lib/openapi';
import { adminOnly } from '../../middleware/auth';
import { ReconcileQuery, ReconcileReportSchema } from './reconcile.schemas';

export const reconcile = createRoute({
  method: 'get',
  path: '/admin/reconcile',
  operationId: 'reconcile',
  tags: ['Admin'],
  ...adminOnly,
  summary: 'Read-only consistency check of derived data against Postgres, a page of players at a time',
  description:
    'Compares, for each player: users.total_xp with the ledger sum, users.level with the level curve, what the award ' +
    'keeps (player_window_totals, player_challenges, player_pass_days, player_stats) with the attempts and the ledger, ' +
    'every live Redis board with the SQL standings, and the badges a player qualifies for with user_badges. Players are ' +
    'checked in id order; follow `next_cursor` until it is null (the last page also compares board sizes). ' +
    'Changes nothing: `POST /admin/recalc-xp` repairs.',
  request: { query: ReconcileQuery },
  responses: {
    200: jsonResponse(ReconcileReportSchema, 'The differences found among this page of players'),
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export type ReconcileRoute = typeof reconcile;
