import { z } from '@hono/zod-openapi';
import { leaderboardWindows } from '../../domain/leaderboard-window';
import { pageLimit, uuidParams } from '../../lib/openapi';

export const WindowSchema = z.enum(leaderboardWindows).default('all').openapi({
  description: 'all-time, this UTC week (from Monday), or this UTC month',
});

export const LeaderboardEntrySchema = z.object({
  rank: z.number().int(),
  user_id: z.uuid(),
  username: z.string(),
  total_xp: z.number().int().openapi({ description: 'XP in the window (all-time: the player’s total)' }),
  level: z.number().int(),
});

export const LeaderboardSchema = z
  .object({ window: z.enum(leaderboardWindows), entries: z.array(LeaderboardEntrySchema) })
  .openapi('Leaderboard', {
    example: { window: 'all', entries: [{ rank: 1, user_id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', username: 'alice', total_xp: 1250, level: 4 }] },
  });

export const AroundSchema = z
  .object({
    window: z.enum(leaderboardWindows),
    user_id: z.uuid(),
    rank: z.number().int().nullable().openapi({ description: 'null when the player has no XP in the window' }),
    entries: z.array(LeaderboardEntrySchema),
  })
  .openapi('LeaderboardAround');

export const TopQuerySchema = z.object({
  window: WindowSchema,
  limit: pageLimit(10),
});

export const AroundQuerySchema = z.object({
  window: WindowSchema,
  radius: z.coerce.number().int().min(1).max(25).default(5).openapi({ description: 'players shown above and below' }),
});

export const UserIdParamSchema = uuidParams('userId');

export const SOURCE_HEADER = 'X-Leaderboard-Source';
const sourceHeader = z.enum(['redis', 'postgres']).openapi({ description: 'postgres when Redis was unreachable and SQL answered instead' });
export const sourceHeaders = z.object({ [SOURCE_HEADER]: sourceHeader });
