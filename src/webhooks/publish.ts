import type { AwardOutcome } from '../awards/award-attempt';
import { topNChanges } from '../domain/top-n-changes';
import type { WebhookEvent } from '../domain/webhook-events';
import { log } from '../lib/logger';
import type { Services } from '../services';
import { awardEvents, rankEvents } from './events';
import { createWebhookQueue } from './messages';
import { attemptFacts, enabledEndpointsFor, insertDeliveries } from './store';

/** Stores a delivery for every enabled endpoint that wants each event, and queues the new ones. */
export async function enqueueEvents(services: Pick<Services, 'db'>, env: Pick<Env, 'WEBHOOKS_QUEUE'>, events: WebhookEvent[]): Promise<number> {
  const endpoints = await enabledEndpointsFor(services.db, [...new Set(events.map((e) => e.type))]);
  const rows = events.flatMap((event) => endpoints.filter((e) => e.events.includes(event.type)).map((e) => ({ endpointId: e.id, event })));
  const ids = await insertDeliveries(services.db, rows);
  await createWebhookQueue(env).send(ids);
  return ids.length;
}

async function rankChangeEvents(services: Pick<Services, 'leaderboard' | 'config'>, outcomes: AwardOutcome[], now: Date): Promise<WebhookEvent[]> {
  const paid = outcomes.filter((o) => o.xpAwarded > 0);
  if (paid.length === 0) return [];
  const previousXp = new Map<string, number>();
  for (const o of paid) previousXp.set(o.userId, Math.min(previousXp.get(o.userId) ?? Infinity, o.totalXp - o.xpAwarded));
  const topN = services.config.WEBHOOK_TOP_N;
  const board = await services.leaderboard.range('all', 0, topN + previousXp.size, now);
  const changes = topNChanges(board.map((e) => ({ userId: e.userId, xp: e.xp })), previousXp, topN);
  return rankEvents(changes, topN, paid[0]!.attemptId, paid[0]!.totalsAt, new Map(outcomes.map((o) => [o.userId, o.username])));
}

const AWARD_EVENTS = ['xp.awarded', 'level.up', 'badge.awarded', 'leaderboard.rank_changed', 'attempt.failed'];

/** The award events some enabled endpoint wants: one query, which the consumer starts while it publishes. */
export async function webhookInterest(services: Pick<Services, 'db'>): Promise<Set<string>> {
  return new Set((await enabledEndpointsFor(services.db, AWARD_EVENTS)).flatMap((e) => e.events));
}

/**
 * After a batch's awards are published: their webhook events, stored and queued (`wanted`: webhookInterest).
 * It throws when that fails, and the consumer then retries the batch's awards (already committed: the retry
 * only publishes again, announcing nothing twice), so every event is stored and queued at least once; its
 * stable id makes the replay store nothing new. Costs nothing more when no endpoint is enabled.
 */
export async function publishAwardWebhooks(
  services: Pick<Services, 'db' | 'leaderboard' | 'config'>,
  env: Pick<Env, 'WEBHOOKS_QUEUE'>,
  outcomes: AwardOutcome[],
  wanted: Set<string>,
  now = new Date(),
): Promise<void> {
  if (outcomes.length === 0 || wanted.size === 0) return;
  const facts = await attemptFacts(services.db, [...new Set(outcomes.map((o) => o.attemptId))]);
  const events = outcomes.flatMap((o) => awardEvents(o, facts.get(o.attemptId)));
  if (wanted.has('leaderboard.rank_changed')) events.push(...(await rankChangeEvents(services, outcomes, now)));
  const unique = [...new Map(events.filter((e) => wanted.has(e.type)).map((e) => [e.id, e])).values()];
  const queued = await enqueueEvents(services, env, unique);
  if (queued > 0) log.info('webhooks_enqueued', { deliveries: queued, events: unique.length });
}
