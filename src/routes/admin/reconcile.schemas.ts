import { z } from '@hono/zod-openapi';
import { AppError } from '../../lib/app-error';
import type { ReconcileProgress } from '../../services/reconcile';

export const MAX_RECONCILE_PAGE = 1000;
/** A page lists at most this many differences; `differences_total` counts them all. */
export const MAX_LISTED_DIFFERENCES = 500;

export const ReconcileQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_RECONCILE_PAGE)
    .default(200)
    .openapi({ description: `Players checked by this page, 1–${MAX_RECONCILE_PAGE}`, example: 200 }),
  cursor: z.string().max(4000).optional().openapi({ description: '`next_cursor` of the previous page' }),
});

const DifferenceSchema = z
  .object({
    check: z.string().openapi({ example: 'xp_total' }),
    user_id: z.uuid().optional().openapi({ description: 'Absent for whole-board findings' }),
    expected: z.unknown().openapi({ description: 'What the source of truth says', example: 300 }),
    actual: z.unknown().openapi({ description: 'What the derived store holds', example: 250 }),
  })
  .openapi('ReconcileDifference');

export const ReconcileReportSchema = z
  .object({
    ok: z.boolean().openapi({ description: 'No difference on this page' }),
    checks: z.array(z.string()).openapi({
      example: ['xp_total', 'level', 'player_window_totals', 'player_challenges', 'player_pass_days', 'player_stats', 'leaderboard', 'badges'],
    }),
    checked_players: z.number().int(),
    differences: z.array(DifferenceSchema),
    differences_total: z.number().int().openapi({ description: `All differences of this page (at most ${MAX_LISTED_DIFFERENCES} are listed)` }),
    next_cursor: z.string().nullable().openapi({ description: 'Checks the next players; null when the pass is complete' }),
  })
  .openapi('ReconcileReport');

/** The pass state a cursor carries, checked on the way back in (it is client input). */
const ProgressSchema = z.object({
  after: z.uuid().nullable(),
  at: z.iso.datetime(),
  carry: z.record(z.string().max(64), z.record(z.string().max(64), z.number().int().min(0))),
});

export function encodeProgress(progress: ReconcileProgress): string {
  return btoa(JSON.stringify(progress)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeProgress(cursor: string): ReconcileProgress {
  try {
    return ProgressSchema.parse(JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))));
  } catch {
    throw new AppError({
      code: 'validation_failed',
      message: 'Invalid query: cursor: not a cursor this API returned',
      details: [{ field: 'cursor', message: 'Not a cursor this API returned' }],
    });
  }
}
