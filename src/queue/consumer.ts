import type { AwardOutcome } from '../awards/award-attempt';
import { runAward } from '../awards/award-job';
import { backfillBadge } from '../awards/badge-backfill';
import { publishAwards } from '../awards/publish-award';
import { failJob, runRecalcBatch } from '../awards/recalc-xp';
import { configFromEnv } from '../lib/config';
import { describeError, log } from '../lib/logger';
import { createServices, type Services } from '../services';
import { QueueMessageSchema, type QueueMessage } from './messages';

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

/** Runs one message. A committed award comes back unacked: it is acked once the batch is published. */
async function handleOne(queue: string, message: Message<unknown>, services: Services): Promise<AwardOutcome | null> {
  const parsed = QueueMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    log.error('queue_message_invalid', { queue, message_id: message.id });
    message.ack(); // a malformed message will never succeed; don't burn retries on it
    return null;
  }
  try {
    if (parsed.data.type === 'award') {
      const outcome = await runAward(parsed.data, services);
      if (outcome) return outcome;
    } else {
      await runJob(parsed.data, services);
    }
    message.ack();
  } catch (err) {
    await retry(message, parsed.data, err, services);
  }
  return null;
}

/** Publishes every committed award of the batch at once; if that fails they are all retried (replays re-publish). */
async function publishBatch(awarded: { message: Message<unknown>; outcome: AwardOutcome }[], services: Services): Promise<void> {
  if (awarded.length === 0) return;
  try {
    await publishAwards({ db: services.pool, leaderboard: services.leaderboard, hub: services.hub }, awarded.map((a) => a.outcome));
    for (const { message } of awarded) message.ack();
  } catch (err) {
    for (const { message, outcome } of awarded) await retry(message, { type: 'award', attemptId: outcome.attemptId }, err, services);
  }
}

/**
 * Acks each message on success and retries it with backoff on failure; the DLQ takes what keeps failing.
 * The batch holds one Postgres connection: its messages run one after another on it (awards of one
 * player would serialise on their row lock anyway), then its awards are published together, so a
 * burst of awards is one Redis transaction, one hub call and one update to subscribers.
 */
export async function consumeBatch(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  const scope = createServices(configFromEnv(env), env, { poolSize: 1 });
  try {
    const awarded: { message: Message<unknown>; outcome: AwardOutcome }[] = [];
    for (const message of batch.messages) {
      const outcome = await handleOne(batch.queue, message, scope.services);
      if (outcome) awarded.push({ message, outcome });
    }
    await publishBatch(awarded, scope.services);
  } finally {
    ctx.waitUntil(scope.dispose());
  }
}
