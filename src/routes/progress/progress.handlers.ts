import { BadgeConditionSchema, evaluateCondition } from '../../domain/badge-conditions';
import { levelProgress } from '../../domain/levels';
import { AppError } from '../../lib/app-error';
import type { AppRouteHandler } from '../../lib/types';
import { readRank } from '../../services/leaderboard/reader';
import { toPlayerSnapshot } from '../../services/player-stats';
import { progressRows } from './progress.queries';
import type { ProgressRoute } from './progress.routes';

const RECENT_ATTEMPTS = 5;

/**
 * Postgres (one batched round trip) and Redis (the rank, one pipelined round trip) are asked at the
 * same time. Another viewer sees the player's submitted attempts on visible challenges, without scores.
 */
export const progress: AppRouteHandler<ProgressRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const viewer = c.get('user');
  const everything = viewer?.id === id || viewer?.role === 'admin';
  const now = new Date();
  const [rows, { rank }] = await Promise.all([
    progressRows(c.var.services.db, id, RECENT_ATTEMPTS, everything),
    readRank(c.var.services, 'all', id, now),
  ]);
  const { player, recent, earned, allBadges } = rows;
  if (!player) throw new AppError({ code: 'not_found', message: 'User not found' });
  const snapshot = toPlayerSnapshot(player, now);

  const earnedIds = new Set(earned.map((b) => b.id));
  const badgeProgress = allBadges.flatMap((badge) => {
    const condition = BadgeConditionSchema.safeParse(badge.condition);
    if (earnedIds.has(badge.id) || !condition.success) return [];
    const { current, target } = evaluateCondition(condition.data, snapshot.stats);
    return [{ badge_id: badge.id, name: badge.name, current, target }];
  });

  return c.json(
    {
      user_id: player.id,
      username: player.username,
      ...levelProgress(player.total_xp),
      rank,
      streak_days: snapshot.currentStreakDays,
      recent_attempts: recent.map(({ attempt, title }) => ({
        id: attempt.id,
        challenge_id: attempt.challengeId,
        challenge_title: title,
        status: attempt.status,
        score: everything ? attempt.score : null,
        xp_awarded: attempt.xpAwarded,
        started_at: attempt.startedAt.toISOString(),
        submitted_at: attempt.submittedAt?.toISOString() ?? null,
      })),
      badges: earned.map((b) => ({ id: b.id, name: b.name, icon_url: b.iconUrl, awarded_at: b.awardedAt.toISOString() })),
      badge_progress: badgeProgress,
    },
    200,
  );
};
