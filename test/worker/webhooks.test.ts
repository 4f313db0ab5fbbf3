import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookEndpoints } from '../../src/db/schema';
import worker from '../../src/index';
import { insertDeliveries } from '../../src/webhooks/store';
import { insertApiKey } from './api-key-helpers';
import { createChallenge, deliver, deliverWithEnv } from './award-helpers';
import { api, config, createUser, expectError, useAdminAndPlayer } from './helpers';
import { award, insertSubmittedAttempt, playerState } from './pipeline-helpers';

const accounts = useAdminAndPlayer();
const created: string[] = [];
afterAll(async () => {
  for (const id of created) await api('DELETE', `/webhooks/${id}`, { token: accounts.admin.token });
});

/** A real server on this machine that refuses what we send: the gateway answers our POST with a 4xx. */
const refusingUrl = () => `${config.UPSTASH_REDIS_REST_URL.replace(/\/$/, '')}/not-a-webhook-receiver`;

async function register(body: Record<string, unknown>, headers?: Record<string, string>) {
  const res = await api('POST', '/webhooks', headers ? { headers, body } : { token: accounts.admin.token, body });
  if (res.status === 201) created.push(res.json.id);
  return res;
}

/** Runs the webhooks queue's consumer on these deliveries, with some vars replaced. */
async function consume(deliveryIds: string[], overrides: Partial<Env> = {}) {
  const batch = createMessageBatch<unknown>('webhooks', deliveryIds.map((deliveryId, i) => ({
    id: `wh-${crypto.randomUUID()}-${i}`, timestamp: new Date(), attempts: 1, body: { type: 'webhook_delivery', deliveryId },
  })));
  const ctx = createExecutionContext();
  // Retries far in the future: the real queue must not run them while the test looks.
  await worker.queue(batch, { ...env, WEBHOOK_RETRY_SCHEDULE_SECONDS: '3600,3600,3600', ...overrides }, ctx);
  return getQueueResult(batch, ctx);
}

const deliveriesOf = (endpointId: string) => accounts.handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

describe('webhook endpoints', () => {
  it('an admin registers, reads, changes and removes one; its whsec_ secret is shown at creation and rotation only', async () => {
    const res = await register({ url: 'https://hooks.example.com/a', events: ['xp.awarded', 'level.up'], description: 'crm' });
    expect(res.status, res.text).toBe(201);
    expect(res.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(res.json).toMatchObject({ enabled: true, events: ['xp.awarded', 'level.up'], consecutive_failures: 0, disabled_reason: null });
    const got = await api('GET', `/webhooks/${res.json.id}`, { token: accounts.admin.token });
    expect(got.json.secret).toBeUndefined();
    const patched = await api('PATCH', `/webhooks/${res.json.id}`, { token: accounts.admin.token, body: { events: ['badge.awarded'] } });
    expect(patched.json.events).toEqual(['badge.awarded']);
    const rotated = await api('POST', `/webhooks/${res.json.id}/rotate-secret`, { token: accounts.admin.token });
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(res.json.secret);
    const [row] = await accounts.handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, res.json.id));
    expect(row!.previousSecret).toBe(res.json.secret);
    expect((await api('DELETE', `/webhooks/${res.json.id}`, { token: accounts.admin.token })).status).toBe(204);
    expectError(await api('GET', `/webhooks/${res.json.id}`, { token: accounts.admin.token }), 404);
  });

  it('an API key with webhooks:manage manages them too', async () => {
    const { secret } = await insertApiKey(accounts.handle, ['webhooks:manage']);
    const res = await register({ url: 'https://hooks.example.com/key', events: ['attempt.failed'] }, { 'X-Api-Key': secret });
    expect(res.status, res.text).toBe(201);
    const list = await api('GET', '/webhooks?limit=100', { headers: { Authorization: `Bearer ${secret}` } });
    expect(list.json.items.map((w: { id: string }) => w.id)).toContain(res.json.id);
  });

  it.each([
    ['http://hooks.example.com/x', 'must be https'],
    ['ftp://hooks.example.com/x', 'must be https'],
    ['https://user:pw@hooks.example.com/x', 'credentials'],
    ['not a url', 'is not a URL'],
  ])('refuses %s (422 naming url)', async (url, message) => {
    const error = expectError(await register({ url, events: ['xp.awarded'] }), 422);
    expect(error.message).toContain(message);
  });

  it('allows http for localhost in development and test', async () => {
    expect((await register({ url: 'http://127.0.0.1:9/hook', events: ['xp.awarded'] })).status).toBe(201);
    expect((await register({ url: 'http://localhost:9/hook', events: ['xp.awarded'] })).status).toBe(201);
  });

  it('refuses unknown events', async () => {
    expectError(await register({ url: 'https://hooks.example.com/x', events: ['xp.stolen'] }), 422);
  });
});

describe('events from awards', () => {
  it('an award queues one delivery per subscribed event, with stable ids; a replayed award adds none', async () => {
    const hook = await register({ url: refusingUrl(), events: ['xp.awarded', 'level.up', 'attempt.failed'] });
    const player = await createUser(accounts.handle);
    const challenge = await createChallenge(accounts.handle, { xp: 500 });
    const passed = await insertSubmittedAttempt(accounts.handle, { userId: player.id, challengeId: challenge.id, score: 100 });
    const failed = await insertSubmittedAttempt(accounts.handle, { userId: player.id, challengeId: challenge.id, score: 10 });
    await deliver(award(passed), award(failed));
    await deliver(award(passed), award(failed)); // at least once: the same events again
    const ids = (await deliveriesOf(hook.json.id)).map((d) => d.eventId).sort();
    expect(ids).toEqual([`evt_attempt_failed_${failed}`, `evt_level_up_${passed}`, `evt_xp_awarded_${passed}`].sort());
    const [xp] = (await deliveriesOf(hook.json.id)).filter((d) => d.eventType === 'xp.awarded');
    expect(xp!.payload).toMatchObject({ id: `evt_xp_awarded_${passed}`, type: 'xp.awarded', data: { user_id: player.id, xp_awarded: 500, total_xp: 500, level: 3 } });
    await api('PATCH', `/webhooks/${hook.json.id}`, { token: accounts.admin.token, body: { enabled: false } });
  });
});

describe('events are never lost', () => {
  it('if they cannot be queued, the awards are retried (made once); the replay queues the deliveries stored but never sent', async () => {
    const hook = await register({ url: refusingUrl(), events: ['xp.awarded'] });
    const player = await createUser(accounts.handle);
    const challenge = await createChallenge(accounts.handle, { xp: 300 });
    const passed = await insertSubmittedAttempt(accounts.handle, { userId: player.id, challengeId: challenge.id, score: 100 });
    // A queue whose send fails (fault injection): the delivery row is stored, the send is not.
    const failing = { sendBatch: () => Promise.reject(new Error('queue unavailable')) } as unknown as Queue;
    const first = await deliverWithEnv({ WEBHOOKS_QUEUE: failing }, award(passed));
    expect(first.retryMessages).toHaveLength(1);
    expect(await playerState(accounts.handle, player.id)).toMatchObject({ totalXp: 300, ledgerRows: 1, unawarded: 0 });
    const [stored] = await deliveriesOf(hook.json.id);
    expect(stored).toMatchObject({ eventId: `evt_xp_awarded_${passed}`, status: 'pending', attempts: 0 });

    // The retry: the award is not made again, and the stored delivery is sent now.
    const sent: unknown[] = [];
    const recording = { sendBatch: (messages: unknown[]) => void sent.push(...messages) } as unknown as Queue;
    const retried = await deliverWithEnv({ WEBHOOKS_QUEUE: recording }, award(passed));
    expect(retried.retryMessages).toHaveLength(0);
    expect(sent).toContainEqual({ body: { type: 'webhook_delivery', deliveryId: stored!.id } }); // (other files' endpoints may add theirs)
    expect(await deliveriesOf(hook.json.id)).toHaveLength(1);
    expect(await playerState(accounts.handle, player.id)).toMatchObject({ totalXp: 300, ledgerRows: 1 });
    await api('PATCH', `/webhooks/${hook.json.id}`, { token: accounts.admin.token, body: { enabled: false } });
  });
});

describe('delivery', () => {
  async function endpointWithDelivery(url: string) {
    const hook = await register({ url, events: ['xp.awarded'] });
    const event = { id: `evt_test_${crypto.randomUUID()}`, type: 'webhook.test' as const, timestamp: new Date().toISOString(), data: {} };
    const [deliveryId] = await insertDeliveries(accounts.handle.db as never, [{ endpointId: hook.json.id, event }]);
    return { hookId: hook.json.id as string, deliveryId: deliveryId! };
  }

  it('a non-2xx answer is a failed attempt in the log (code, latency, a short excerpt) and a retry is scheduled', async () => {
    const { hookId, deliveryId } = await endpointWithDelivery(refusingUrl());
    const result = await consume([deliveryId]);
    expect(result.explicitAcks).toHaveLength(1);
    const log = await api('GET', `/webhooks/${hookId}/deliveries`, { token: accounts.admin.token });
    const [delivery] = log.json.items;
    expect(delivery).toMatchObject({ id: deliveryId, status: 'pending', attempts: 1, last_status_code: expect.any(Number) });
    expect(delivery.last_status_code).toBeGreaterThanOrEqual(400);
    expect(delivery.next_attempt_at).not.toBeNull();
    expect(delivery.log).toHaveLength(1);
    expect(delivery.log[0]).toMatchObject({ attempt: 1, ok: false });
    expect((delivery.log[0].response_excerpt ?? '').length).toBeLessThanOrEqual(257);
  });

  it('a run of failures disables the endpoint with a reason; its later deliveries fail without a request', async () => {
    const { hookId, deliveryId } = await endpointWithDelivery(refusingUrl());
    await consume([deliveryId], { WEBHOOK_DISABLE_AFTER_FAILURES: '2' });
    await consume([deliveryId], { WEBHOOK_DISABLE_AFTER_FAILURES: '2' });
    const hook = await api('GET', `/webhooks/${hookId}`, { token: accounts.admin.token });
    expect(hook.json).toMatchObject({ enabled: false, consecutive_failures: 2, disabled_reason: expect.stringContaining('2 failed delivery attempts in a row') });
    expectError(await api('POST', `/webhooks/${hookId}/test`, { token: accounts.admin.token }), 409);

    await consume([deliveryId]);
    const [row] = await deliveriesOf(hookId);
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lastError: expect.stringContaining('endpoint disabled') });

    const enabled = await api('PATCH', `/webhooks/${hookId}`, { token: accounts.admin.token, body: { enabled: true } });
    expect(enabled.json).toMatchObject({ enabled: true, consecutive_failures: 0, disabled_reason: null });
    await api('PATCH', `/webhooks/${hookId}`, { token: accounts.admin.token, body: { enabled: false } });
  });

  it('out of retries, a delivery has failed for good; a manual redelivery tries it once more', async () => {
    const { hookId, deliveryId } = await endpointWithDelivery(refusingUrl());
    await consume([deliveryId], { WEBHOOK_RETRY_SCHEDULE_SECONDS: '3600' });
    await consume([deliveryId], { WEBHOOK_RETRY_SCHEDULE_SECONDS: '3600' });
    expect((await deliveriesOf(hookId))[0]).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: null });
    const again = await api('POST', `/webhooks/${hookId}/deliveries/${deliveryId}/redeliver`, { token: accounts.admin.token });
    expect(again.status, again.text).toBe(202);
    expect(again.json).toMatchObject({ id: deliveryId, status: 'pending' });
    expectError(await api('POST', `/webhooks/${hookId}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`, { token: accounts.admin.token }), 404);
    await api('PATCH', `/webhooks/${hookId}`, { token: accounts.admin.token, body: { enabled: false } });
  });

  it('an unreachable receiver is a failed attempt with the error, never a crash', async () => {
    const { hookId, deliveryId } = await endpointWithDelivery('http://127.0.0.1:1/hook');
    const result = await consume([deliveryId]);
    expect(result.explicitAcks).toHaveLength(1);
    const [row] = await deliveriesOf(hookId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: expect.stringContaining('request failed') });
    await api('PATCH', `/webhooks/${hookId}`, { token: accounts.admin.token, body: { enabled: false } });
  });
});
