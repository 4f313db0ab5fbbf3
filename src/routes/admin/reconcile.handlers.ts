import type { AppRouteHandler } from '../../lib/types';
import { reconcileChecks, reconcilePage, startReconcile } from '../../services/reconcile';
import type { ReconcileRoute } from './reconcile.routes';
import { decodeProgress, encodeProgress, MAX_LISTED_DIFFERENCES } from './reconcile.schemas';

export const reconcile: AppRouteHandler<ReconcileRoute> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const { pool, redis, config } = c.var.services;
  // The pooled connection: a page is many small reads, one socket rather than one HTTP request each.
  const page = await reconcilePage({ db: pool, redis, keyPrefix: config.REDIS_KEY_PREFIX }, cursor ? decodeProgress(cursor) : startReconcile(), {
    batchSize: limit,
  });
  return c.json(
    {
      ok: page.differences.length === 0,
      checks: reconcileChecks.map((check) => check.name),
      checked_players: page.checkedPlayers,
      differences: page.differences.slice(0, MAX_LISTED_DIFFERENCES),
      differences_total: page.differences.length,
      next_cursor: page.next ? encodeProgress(page.next) : null,
    },
    200,
  );
};
