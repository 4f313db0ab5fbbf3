import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { resendUnawarded } from '../../src/awards/resend-unawarded';
import { deadLetters } from '../../src/db/schema';
import worker from '../../src/index';
import type { QueueMessage } from '../../src/queue/messages';
import { createQueueSender } from '../../src/services/queue';
import { createChallenge, deliver } from './award-helpers';
import { api, config, createUser, errorOf, useAdminAndPlayer } from './helpers';
import { awaitAwards, award, insertSubmittedAttempt, playerState } from './pipeline-helpers';

const accounts = useAdminAndPlayer();
const { handle } = accounts;

/** Postgres as the award sees it when its database is gone: every query fails. */
const DEAD_POSTGRES: Partial<Env> = (() => {
  const url = new URL(config.DATABASE_URL);
  url.pathname = '/skillquest_no_such_database';
  return { DATABASE_URL: url.toString() };
})();

interface Delivery {
  id: string;
  attempts: number;
  timestamp: Date;
  body: unknown;
}

/** One message to the real queue() handler of `queue`, as Cloudflare would deliver it. */
async function deliverTo(queue: 'awards' | 'awards-dlq', delivery: Delivery, overrides: Partial<Env> = {}) {
  const batch = createMessageBatch<unknown>(queue, [delivery]);
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, ...overrides }, ctx);
  return getQueueResult(batch, ctx);
}

/** The award queue gives up on a message: it fails on every delivery, then lands on the dead-letter queue. */
async function deadLetter(body: QueueMessage): Promise<Delivery> {
  const delivery = { id: `dlq-${crypto.randomUUID()}`, attempts: 1, timestamp: new Date(Date.now() - 60_000), body };
  for (let attempt = 1; attempt <= 5; attempt++) {
    const result = await deliverTo('awards', { ...delivery, attempts: attempt }, DEAD_POSTGRES);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([delivery.id]);
    expect(result.explicitAcks).toEqual([]);
  }
  const recorded = await deliverTo('awards-dlq', delivery);
  expect(recorded.explicitAcks).toEqual([delivery.id]);
  return delivery;
}

async function rowOf(messageId: string) {
  const [row] = await handle.db.select().from(deadLetters).where(eq(deadLetters.messageId, messageId));
  if (!row) throw new Error(`no dead letter for ${messageId}`);
  return row;
}

const asAdmin = () => ({ token: accounts.admin.token });

describe('the dead-letter queue is consumed, listed and redriven', () => {
  it('an award that failed on every delivery: recorded once, listed, redriven after the fix, paid exactly once', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 100 });
    const attemptId = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 90 });

    const delivery = await deadLetter(award(attemptId));
    expect(await playerState(handle, player.id)).toMatchObject({ totalXp: 0, ledgerRows: 0, unawarded: 1 });
    // The dead-letter queue delivers at least once, too: a redelivery adds no second row.
    expect((await deliverTo('awards-dlq', { ...delivery, attempts: 2 })).explicitAcks).toEqual([delivery.id]);
    expect(await handle.db.select().from(deadLetters).where(eq(deadLetters.messageId, delivery.id))).toHaveLength(1);

    const listed = await api('GET', '/admin/dead-letters?state=pending&limit=100', asAdmin());
    expect(listed.status).toBe(200);
    const row = await rowOf(delivery.id);
    expect(listed.json.items).toContainEqual({
      id: row.id,
      message_id: delivery.id,
      queue: 'awards',
      body: { type: 'award', attemptId },
      attempts: 1,
      enqueued_at: delivery.timestamp.toISOString(),
      received_at: row.receivedAt.toISOString(),
      redriven_at: null,
    });

    // The cause is fixed (the award reaches the real database again): redrive it.
    const redriven = await api('POST', `/admin/dead-letters/${row.id}/redrive`, asAdmin());
    expect(redriven.status, redriven.text).toBe(200);
    expect(redriven.json).toMatchObject({ id: row.id, message_id: delivery.id });
    const redrivenAt = (await rowOf(delivery.id)).redrivenAt;
    expect(redriven.json.redriven_at).toBe(redrivenAt?.toISOString());
    expect(await awaitAwards(handle, player.id, 1)).toMatchObject({ totalXp: 90, ledgerRows: 1, xpAwardedSum: 90, unawarded: 0 });

    // Redriving twice pays nothing more: the second redrive is refused, and a duplicate award delivery is a replay.
    const again = await api('POST', `/admin/dead-letters/${row.id}/redrive`, asAdmin());
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('conflict');
    const all = await api('POST', '/admin/dead-letters/redrive', asAdmin());
    expect(all.status).toBe(200);
    await deliver(award(attemptId));
    expect(await playerState(handle, player.id)).toMatchObject({ totalXp: 90, ledgerRows: 1, xpAwardedSum: 90 });
    expect((await rowOf(delivery.id)).redrivenAt).toEqual(redrivenAt);
  });

  it('POST /admin/dead-letters/redrive sends every pending one, once; the list filters by state', async () => {
    const player = await createUser(handle);
    const [easy, hard] = [await createChallenge(handle, { xp: 50 }), await createChallenge(handle, { xp: 200, difficulty: 'hard' })];
    const first = await deadLetter(award(await insertSubmittedAttempt(handle, { userId: player.id, challengeId: easy.id, score: 100 })));
    const second = await deadLetter(award(await insertSubmittedAttempt(handle, { userId: player.id, challengeId: hard.id, score: 100 })));

    const res = await api('POST', '/admin/dead-letters/redrive', asAdmin());
    expect(res.status).toBe(200);
    expect(res.json.redriven).toBeGreaterThanOrEqual(2);
    const rows = await handle.db.select().from(deadLetters).where(inArray(deadLetters.messageId, [first.id, second.id]));
    expect(rows.map((row) => row.redrivenAt)).not.toContain(null);
    expect(await awaitAwards(handle, player.id, 2)).toMatchObject({ totalXp: 250, ledgerRows: 2 });

    const pending = await api('GET', '/admin/dead-letters?state=pending&limit=100', asAdmin());
    const done = await api('GET', '/admin/dead-letters?state=redriven&limit=100', asAdmin());
    const ids = (page: { json: { items: { message_id: string }[] } }) => page.json.items.map((item) => item.message_id);
    expect(ids(pending)).not.toContain(first.id);
    expect(ids(done)).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it('pages newest first with next_cursor; unknown id 404, malformed id or cursor 422', async () => {
    await deadLetter(award(crypto.randomUUID()));
    await deadLetter(award(crypto.randomUUID()));
    const one = await api('GET', '/admin/dead-letters?limit=1', asAdmin());
    const two = await api('GET', `/admin/dead-letters?limit=1&cursor=${one.json.next_cursor}`, asAdmin());
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(one.json.items).toHaveLength(1);
    expect(two.json.items).toHaveLength(1);
    expect(Date.parse(two.json.items[0].received_at)).toBeLessThanOrEqual(Date.parse(one.json.items[0].received_at));
    expect(two.json.items[0].id).not.toBe(one.json.items[0].id);

    expect((await api('POST', '/admin/dead-letters/00000000-0000-4000-8000-000000000000/redrive', asAdmin())).status).toBe(404);
    expect((await api('POST', '/admin/dead-letters/not-a-uuid/redrive', asAdmin())).status).toBe(422);
    expect((await api('GET', '/admin/dead-letters?cursor=bogus', asAdmin())).status).toBe(422);
    expect((await api('GET', '/admin/dead-letters?state=lost', asAdmin())).status).toBe(422);
  });

  it('a dead letter whose body is no queue message is refused (409) and stays pending', async () => {
    const delivery = { id: `dlq-${crypto.randomUUID()}`, attempts: 1, timestamp: new Date(), body: { type: 'unknown', x: 1 } };
    expect((await deliverTo('awards-dlq', delivery)).explicitAcks).toEqual([delivery.id]);
    const row = await rowOf(delivery.id);
    const res = await api('POST', `/admin/dead-letters/${row.id}/redrive`, asAdmin());
    expect(res.status).toBe(409);
    expect((await rowOf(delivery.id)).redrivenAt).toBeNull();
    await api('POST', '/admin/dead-letters/redrive', asAdmin());
    expect((await rowOf(delivery.id)).redrivenAt).toBeNull();
    await handle.db.delete(deadLetters).where(eq(deadLetters.id, row.id)); // not left pending for other tests
  });

  it('when Postgres can’t take the dead letter, it is retried, not lost', async () => {
    const delivery = { id: `dlq-${crypto.randomUUID()}`, attempts: 1, timestamp: new Date(), body: award(crypto.randomUUID()) };
    const result = await deliverTo('awards-dlq', delivery, DEAD_POSTGRES);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([delivery.id]);
    expect(await handle.db.select().from(deadLetters).where(eq(deadLetters.messageId, delivery.id))).toHaveLength(0);
  });
});

describe('recalc-xp re-sends awards that never happened', () => {
  it('resendUnawarded: submitted attempts unawarded for over 5 minutes are sent again and paid; recent ones are left to the queue', async () => {
    const player = await createUser(handle);
    const [old, recent] = [await createChallenge(handle, { xp: 60 }), await createChallenge(handle, { xp: 70 })];
    const lost = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: old.id, score: 100, submittedAt: new Date(Date.now() - 10 * 60_000) });
    const inFlight = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: recent.id, score: 100, submittedAt: new Date(Date.now() - 60_000) });

    const sent = await resendUnawarded(handle.db, createQueueSender(env), [player.id]);
    expect(sent).toEqual([lost]);
    expect(sent).not.toContain(inFlight);
    expect(await awaitAwards(handle, player.id, 1)).toMatchObject({ totalXp: 60, ledgerRows: 1 });
  });
});
