import { BadgeConditionSchema, evaluateCondition } from '../../domain/badge-conditions';
import { levelProgress } from '../../domain/levels';
import { AppError } from '../../lib/app-error';
import type { AppRouteHandler } from '../../lib/types';
import { readRank } from '../../services/leaderboard/reader';
import { playerSnapshot } from '../../services/player-stats';
import * as queries from './progress.queries';
import type { ProgressRoute } from './progress.routes';

const RECENT_ATTEMPTS = 5;

export const progress: AppRouteHandler<ProgressRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const { db } = c.var.services;
  const user = await queries.findPlayer(db, id);
  if (!user) throw new AppError({ code: 'not_found', message: 'User not found' });

  const now = new Date();
  const [snapshot, { rank }, recent, earned, allBadges] = await Promise.all([
    playerSnapshot(db, id, now),
    readRank(c.var.services, 'all', id, now),
    queries.recentAttempts(db, id, RECENT_ATTEMPTS),
    queries.earnedBadges(db, id),
    queries.badgeConditions(db),
  ]);

  const earnedIds = new Set(earned.map((b) => b.id));
  const badgeProgress = allBadges.flatMap((badge) => {
    const condition = BadgeConditionSchema.safeParse(badge.condition);
    if (earnedIds.has(badge.id) || !condition.success || !snapshot) return [];
    const { current, target } = evaluateCondition(condition.data, snapshot.stats);
    return [{ badge_id: badge.id, name: badge.name, current, target }];
  });

  return c.json(
    {
      user_id: user.id,
      username: user.username,
      ...levelProgress(user.totalXp),
      rank,
      streak_days: snapshot?.currentStreakDays ?? 0,
      recent_attempts: recent.map(({ attempt, title }) => ({
        id: attempt.id,
        challenge_id: attempt.challengeId,
        challenge_title: title,
        status: attempt.status,
        score: attempt.score,
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
