import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpDb } from '../../src/db/client';
import worker from '../../src/index';
import type { QueueMessage } from '../../src/queue/messages';
import { retryDelaySeconds } from '../../src/queue/consumer';
import { createChallenge } from './award-helpers';
import { DEAD_REDIS } from './env-helpers';
import { config, createUser, openDb } from './helpers';
import { award, insertSubmittedAttempt } from './pipeline-helpers';

const handle = openDb();
afterAll(() => handle.close());

// Nothing listens on port 1: the consumer's Postgres connection fails, so every job in the batch does.
const DEAD_POSTGRES: Partial<Env> = { NEON_WS_PROXY: '127.0.0.1:1/v2' };

interface Handled {
  acks: number;
  retries: (QueueRetryOptions | undefined)[];
}

/**
 * A message as the Queue hands it over, on its `attempts`th delivery, keeping what the consumer
 * did with it: the test pool's queue result records that a message was retried, not the delay.
 */
function delivery(body: QueueMessage, attempts: number): { message: Message<unknown>; handled: Handled } {
  const handled: Handled = { acks: 0, retries: [] };
  const message: Message<unknown> = {
    id: `backoff-${crypto.randomUUID()}`,
    timestamp: new Date(),
    body,
    attempts,
    ack: () => void handled.acks++,
    retry: (options) => void handled.retries.push(options),
  };
  return { message, handled };
}

async function consume(overrides: Partial<Env>, messages: Message<unknown>[]) {
  const batch: MessageBatch<unknown> = {
    queue: 'awards',
    messages,
    metadata: { metrics: { backlogCount: messages.length, backlogBytes: 0 } },
    retryAll: () => expect.fail('the consumer retries message by message'),
    ackAll: () => expect.fail('the consumer acks message by message'),
  };
  const ctx = createExecutionContext();
  try {
    await worker.queue(batch, { ...env, ...overrides }, ctx);
    await waitOnExecutionContext(ctx);
  } finally {
    // The Neon driver's gateway address is global to the isolate: point it back at the live one,
    // or this file's own connections would dial the dead address too.
    createHttpDb(config);
  }
}

const BACKOFF: [attempts: number, delaySeconds: number][] = [[1, 5], [2, 10], [3, 20], [4, 40], [5, 80], [6, 160], [7, 300], [8, 300], [20, 300]];

describe('a failed queue message is retried with backoff: 5 s, 10 s, 20 s … capped at 300 s', () => {
  it.each(BACKOFF)('retryDelaySeconds(%i) = %i', (attempts, delay) => {
    expect(retryDelaySeconds(attempts)).toBe(delay);
  });

  it('an award that cannot reach Postgres is retried, each delivery with the delay of its attempt number', async () => {
    const deliveries = BACKOFF.map(([attempts]) => delivery(award(crypto.randomUUID()), attempts));
    await consume(DEAD_POSTGRES, deliveries.map((d) => d.message));
    expect(deliveries.map((d) => d.handled)).toEqual(BACKOFF.map(([, delaySeconds]) => ({ acks: 0, retries: [{ delaySeconds }] })));
  });

  it('a recalc page that cannot reach Postgres is retried the same way', async () => {
    const deliveries = [2, 6].map((attempts) => delivery({ type: 'recalc_xp', jobId: crypto.randomUUID() }, attempts));
    await consume(DEAD_POSTGRES, deliveries.map((d) => d.message));
    expect(deliveries.map((d) => d.handled)).toEqual([{ acks: 0, retries: [{ delaySeconds: 10 }] }, { acks: 0, retries: [{ delaySeconds: 160 }] }]);
  });

  it('a committed award whose publish fails (Redis down) is retried with the delay of its attempt number', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle);
    const attemptId = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 90 });
    const third = delivery(award(attemptId), 3);
    await consume(DEAD_REDIS, [third.message]);
    expect(third.handled).toEqual({ acks: 0, retries: [{ delaySeconds: 20 }] });
  });
});
