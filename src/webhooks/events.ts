import type { AwardOutcome } from '../awards/award-attempt';
import type { TopNChange } from '../domain/top-n-changes';
import { eventId, type WebhookEvent } from '../domain/webhook-events';

export interface AttemptFacts {
  status: string;
  score: number | null;
  externalId: string | null;
}

/**
 * The events of one award, each with an id made of what it is about: a replay of the award (the queue
 * delivers at least once) makes the very same events, which the deliveries' unique key then drops.
 */
export function awardEvents(outcome: AwardOutcome, facts: AttemptFacts | undefined): WebhookEvent[] {
  const timestamp = outcome.totalsAt.toISOString();
  const player = { user_id: outcome.userId, username: outcome.username, external_id: facts?.externalId ?? null };
  const about = { ...player, attempt_id: outcome.attemptId, challenge_id: outcome.challengeId, score: facts?.score ?? null };
  const events: WebhookEvent[] = [];
  const add = (type: WebhookEvent['type'], id: string, data: Record<string, unknown>) => events.push({ id, type, timestamp, data });
  if (facts?.status === 'failed') add('attempt.failed', eventId('attempt.failed', outcome.attemptId), about);
  if (outcome.xpAwarded > 0) {
    add('xp.awarded', eventId('xp.awarded', outcome.attemptId), { ...about, xp_awarded: outcome.xpAwarded, total_xp: outcome.totalXp, level: outcome.level });
  }
  if (outcome.level > outcome.previousLevel) {
    add('level.up', eventId('level.up', outcome.attemptId), { ...about, level_before: outcome.previousLevel, level_after: outcome.level, total_xp: outcome.totalXp });
  }
  for (const badge of outcome.badges) {
    // A badge is earned once per player: that pair is the event.
    add('badge.awarded', eventId('badge.awarded', outcome.userId, badge.id), { ...about, badge: { id: badge.id, name: badge.name } });
  }
  return events;
}

/** `leaderboard.rank_changed` for each entry into and exit from the all-time top N; `cause`: the batch's first attempt. */
export function rankEvents(changes: TopNChange[], topN: number, cause: string, at: Date, usernames: Map<string, string>): WebhookEvent[] {
  return changes.map((change) => ({
    id: eventId('leaderboard.rank_changed', change.userId, change.change, cause),
    type: 'leaderboard.rank_changed',
    timestamp: at.toISOString(),
    data: {
      user_id: change.userId,
      username: usernames.get(change.userId) ?? null,
      window: 'all',
      top_n: topN,
      change: change.change,
      rank_before: change.rankBefore,
      rank_after: change.rankAfter,
    },
  }));
}
