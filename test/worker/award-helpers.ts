import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../src/db/client';
import { attempts, challenges } from '../../src/db/schema';
import worker from '../../src/index';
import type { QueueMessage } from '../../src/queue/messages';
import { api, unique } from './helpers';

let sequence = 0;

/** Delivers messages to the real consumer, as the Queue would (at-least-once: call it twice to replay). */
export async function deliver(...bodies: QueueMessage[]) {
  return deliverWithEnv({}, ...bodies);
}

/** deliver() with some bindings replaced (e.g. a private Redis key prefix for the boards it publishes to). */
export async function deliverWithEnv(overrides: Partial<Env>, ...bodies: QueueMessage[]) {
  const batch = createMessageBatch<unknown>(
    'awards',
    bodies.map((body) => ({ id: `msg-${++sequence}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, ...overrides }, ctx);
  return getQueueResult(batch, ctx);
}

export async function createChallenge(
  handle: DbHandle,
  values: Partial<typeof challenges.$inferInsert> = {},
): Promise<typeof challenges.$inferSelect> {
  const [row] = await handle.db
    .insert(challenges)
    .values({ title: unique('Challenge '), xp: 100, difficulty: 'easy', tags: [], published: true, ...values })
    .returning();
  if (!row) throw new Error('challenge insert returned nothing');
  return row;
}

/** Starts and submits an attempt through the API; returns the attempt id (award not yet processed). */
export async function submitAttempt(token: string, challengeId: string, score: number): Promise<string> {
  const started = await api('POST', '/attempts', { token, body: { challenge_id: challengeId } });
  if (started.status !== 201) throw new Error(`start failed: ${started.status} ${started.text}`);
  const submitted = await api('POST', `/attempts/${started.json.id}/submit`, { token, body: { score } });
  if (submitted.status !== 202) throw new Error(`submit failed: ${submitted.status} ${submitted.text}`);
  return started.json.id as string;
}

/** Backdates a submitted attempt (for streak tests): the award reads submitted_at. */
export async function setSubmittedAt(handle: DbHandle, attemptId: string, at: Date) {
  await handle.db.update(attempts).set({ submittedAt: at }).where(eq(attempts.id, attemptId));
}
