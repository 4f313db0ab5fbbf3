import type { AwardOutcome } from '../awards/award-attempt';
import { runAwards } from '../awards/award-job';
import { backfillBadge } from '../awards/badge-backfill';
import { publishAwards } from '../awards/publish-award';
import { failJob, runRecalcBatch } from '../awards/recalc-xp';
import { pgError } from '../db/pg-errors';
import { configFromEnv } from '../lib/config';
import { describeError, log } from '../lib/logger';
import { createServices, type Services } from '../services';
import { consumeWebhookDeliveries } from '../webhooks/consumer';
import { WEBHOOK_QUEUE } from '../webhooks/messages';
import { publishAwardWebhooks, webhookInterest } from '../webhooks/publish';
import { consumeDeadLetters, DEAD_LETTER_QUEUE } from './dead-letter-consumer';
import { QueueMessageSchema, type AwardMessage, type QueueMessage } from './messages';

/** wrangler.toml's max_retries: after this many attempts the message goes to the dead-letter queue. */
const MAX_ATTEMPTS = 5;

/** Backoff for a failed message: 5 s, 10 s, 20 s … capped at 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));
}

type OtherJob = Exclude<QueueMessage, { type: 'award' }>;
type Job<T extends OtherJob['type']> = (message: Extract<OtherJob, { type: T }>, services: Services) => Promise<unknown>;

/** The jobs besides the award (whose outcome is published with the rest of its batch); each takes (message, services). */
const jobs: { [T in OtherJob['type']]: Job<T> } = {
  badge_backfill: backfillBadge,
  recalc_xp: runRecalcBatch,
};

function runJob(message: OtherJob, services: Services): Promise<unknown> {
  return (jobs[message.type] as Job<OtherJob['type']>)(message, services);
}

async function retry(message: Message<unknown>, body: QueueMessage, err: unknown, services: Services): Promise<void> {
  log.error('queue_message_failed', { message_id: message.id, attempts: message.attempts, type: body.type, ...describeError(err) });
  if (body.type === 'recalc_xp' && message.attempts >= MAX_ATTEMPTS) {
    await failJob(services.pool, body.jobId, String(err)).catch(() => {});
  }
  message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
}

interface Received<T extends QueueMessage = QueueMessage> {
  message: Message<unknown>;
  body: T;
}

/** The batch's valid messages; a malformed one will never succeed, so it is acked, not retried. */
function validMessages(batch: MessageBatch<unknown>): Received[] {
  return batch.messages.flatMap((message) => {
    const parsed = QueueMessageSchema.safeParse(message.body);
    if (parsed.success) return [{ message, body: parsed.data }];
    log.error('queue_message_invalid', { queue: batch.queue, message_id: message.id });
    message.ack();
    return [];
  });
}

const isAward = (received: Received): received is Received<AwardMessage> => received.body.type === 'award';

type Awarded = { message: Message<unknown>; outcome: AwardOutcome }[];

/**
 * Whether a failed award transaction may be the fault of one award's data (a data exception, a broken
 * constraint, a raised exception): then running the awards one by one isolates it. Anything else (the
 * database unreachable, a connection cut, a deadlock) would fail them all again, one connection timeout
 * after another: the whole batch is retried with backoff instead.
 */
function mayBeOneAwardsFault(err: unknown): boolean {
  const code = pgError(err)?.code;
  return code !== undefined && /^(22|23|P0)/.test(code);
}

/**
 * The batch's awards in one transaction; a committed award stays unacked until the batch is published.
 * If that transaction fails because of one award's data, each award runs again alone, so only the ones
 * that fail on their own are retried; if it fails for any other reason, they are all retried.
 */
async function runAwardBatch(awards: Received<AwardMessage>[], services: Services): Promise<Awarded> {
  if (awards.length === 0) return [];
  try {
    return settle(awards, await runAwards(awards.map((a) => a.body), services));
  } catch (err) {
    if (awards.length === 1 || !mayBeOneAwardsFault(err)) {
      for (const { message, body } of awards) await retry(message, body, err, services);
      return [];
    }
    log.warn('award_batch_failed', { size: awards.length, ...describeError(err) });
    return runAwardsAlone(awards, services);
  }
}

/** Each award in a transaction of its own; after a failure that is not one award's fault, the rest are retried unrun. */
async function runAwardsAlone(awards: Received<AwardMessage>[], services: Services): Promise<Awarded> {
  const awarded: Awarded = [];
  for (const [k, { message, body }] of awards.entries()) {
    try {
      awarded.push(...settle([awards[k]!], await runAwards([body], services)));
    } catch (err) {
      await retry(message, body, err, services);
      if (mayBeOneAwardsFault(err)) continue;
      for (const rest of awards.slice(k + 1)) await retry(rest.message, rest.body, err, services);
      break;
    }
  }
  return awarded;
}

/** Each message with its attempt's outcome, in the order the awards were applied (a player's last holds their newest totals). */
function settle(awards: Received<AwardMessage>[], outcomes: Map<string, AwardOutcome | null>): Awarded {
  const messagesOf = Map.groupBy(awards, (a) => a.body.attemptId);
  const awarded: Awarded = [];
  for (const [attemptId, outcome] of outcomes) {
    for (const { message } of messagesOf.get(attemptId) ?? []) {
      if (outcome) awarded.push({ message, outcome });
      else message.ack(); // an unknown or never-submitted attempt: nothing to award, ever
    }
  }
  return awarded;
}

/**
 * Publishes every committed award of the batch at once (boards, hub), then stores and queues their webhook
 * events; if either fails they are all retried (replays re-publish, announce nothing twice, store no event twice).
 * A webhook receiver never holds an award back: delivery runs on its own queue.
 */
async function publishBatch(awarded: Awarded, services: Services, env: Env): Promise<void> {
  if (awarded.length === 0) return;
  const outcomes = awarded.map((a) => a.outcome);
  try {
    // Which events endpoints want is read while the boards are written (it doesn't depend on them).
    const interest = webhookInterest(services);
    interest.catch(() => {}); // awaited below; a publish that fails first must not leave it unhandled
    await publishAwards({ db: services.pool, leaderboard: services.leaderboard, hub: services.hub }, outcomes);
    await publishAwardWebhooks(services, env, outcomes, await interest);
    for (const { message } of awarded) message.ack();
  } catch (err) {
    for (const { message, outcome } of awarded) await retry(message, { type: 'award', attemptId: outcome.attemptId }, err, services);
  }
}

/**
 * Acks each message on success and retries it with backoff on failure; the DLQ takes what keeps failing.
 * The batch holds one Postgres connection. Its awards go first, all in one transaction, and are
 * published together, so a burst of awards is a fixed number of statements, one Redis transaction, one
 * hub call and one update to subscribers; the other jobs run after them, one after another, so a long
 * job in the same batch (a recalc page) does not hold back the live feed.
 */
export async function consumeBatch(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) return consumeDeadLetters(batch, env, ctx);
  if (batch.queue === WEBHOOK_QUEUE) return consumeWebhookDeliveries(batch, env, ctx);
  const scope = createServices(configFromEnv(env), env, { poolSize: 1 });
  try {
    const received = validMessages(batch);
    await publishBatch(await runAwardBatch(received.filter(isAward), scope.services), scope.services, env);
    for (const { message, body } of received) {
      if (body.type === 'award') continue;
      try {
        await runJob(body, scope.services);
        message.ack();
      } catch (err) {
        await retry(message, body, err, scope.services);
      }
    }
  } finally {
    ctx.waitUntil(scope.dispose());
  }
}
