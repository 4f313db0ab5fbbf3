import { once } from 'node:events';
import http from 'node:http';
import pg from 'pg';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, call, newPlayer } from './live.helpers.ts';

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The test's own receiver: records every request; `/flaky` answers 500 three times, then 200. */
const received: Received[] = [];
let flakyCalls = 0;
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    received.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body });
    if (req.url === '/flaky' && ++flakyCalls <= 3) {
      res.writeHead(500).end('not yet');
      return;
    }
    res.writeHead(200).end('ok');
  });
});
let receiverUrl: string;

beforeAll(async () => {
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A player made admin in Postgres, logged in again so the token says so. */
async function newAdmin() {
  const admin = await newPlayer('wh_admin');
  const db = new pg.Client({ connectionString: inject('e2eDatabaseUrl') });
  await db.connect();
  await db.query(`update users set role = 'admin' where id = $1`, [admin.id]).finally(() => db.end());
  return (await call('POST', '/auth/login', { username: admin.username, password: admin.password })).json.access_token as string;
}

async function withKey(method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
}

describe('signed webhooks through wrangler dev (real queues), verified with the standardwebhooks package', () => {
  let key: string;
  beforeAll(async () => {
    const adminToken = await newAdmin();
    const created = await call('POST', '/admin/api-keys', { name: 'e2e grader', scopes: ['results:write', 'webhooks:manage'] }, adminToken);
    expect(created.status).toBe(201);
    key = created.json.secret;
  });

  it('a result reported with an API key reaches our receiver as signed xp.awarded / level.up deliveries', async () => {
    const hook = await withKey('POST', '/webhooks', key, { url: `${receiverUrl}/ok`, events: ['xp.awarded', 'level.up', 'badge.awarded'] });
    expect(hook.status).toBe(201);
    const challenge = ((await call('GET', '/challenges?limit=100')).json.items as { id: string; title: string }[]).find((c) => c.title === 'Two Sum')!;
    const externalId = `e2e-${Date.now().toString(36)}`;
    const report = await withKey('POST', '/results', key, { external_id: externalId, challenge_id: challenge.id, score: 100 }, { 'Idempotency-Key': `e2e-${externalId}` });
    expect(report.status).toBe(202);
    const attemptId = report.json.attempt_id as string;

    const delivery = await until('the xp.awarded delivery', () =>
      received.find((r) => r.path === '/ok' && r.headers['webhook-id'] === `evt_xp_awarded_${attemptId}`));
    const verified = new Webhook(hook.json.secret).verify(delivery.body, delivery.headers) as { type: string; data: Record<string, unknown> };
    expect(verified).toMatchObject({ type: 'xp.awarded', data: { attempt_id: attemptId, external_id: externalId } });
    expect(verified.data).toMatchObject({ user_id: report.json.player_id, xp_awarded: expect.any(Number) });
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);

    // An invalid signature is detectable: a changed body, another secret, or a signature of our own making.
    expect(() => new Webhook(hook.json.secret).verify(delivery.body.replace('"xp.awarded"', '"xp.stolen"'), delivery.headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook('whsec_' + Buffer.from('another secret of 24 b!!').toString('base64')).verify(delivery.body, delivery.headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(hook.json.secret).verify(delivery.body, { ...delivery.headers, 'webhook-signature': 'v1,AAAA' })).toThrow(WebhookVerificationError);

    const log = await until('the delivery log', async () => {
      const page = await withKey('GET', `/webhooks/${hook.json.id}/deliveries`, key);
      const item = page.json.items.find((d: { event_id: string; status: string }) => d.event_id === `evt_xp_awarded_${attemptId}` && d.status === 'succeeded');
      return item;
    });
    expect(log).toMatchObject({ attempts: 1, last_status_code: 200, last_latency_ms: expect.any(Number) });
  });

  it('a receiver answering 500 three times, then 200, is retried and ends with exactly one success in the log', async () => {
    const hook = await withKey('POST', '/webhooks', key, { url: `${receiverUrl}/flaky`, events: ['xp.awarded'] });
    const test = await withKey('POST', `/webhooks/${hook.json.id}/test`, key);
    expect(test.status).toBe(202);
    const delivery = await until('the fourth attempt to succeed', async () => {
      const page = await withKey('GET', `/webhooks/${hook.json.id}/deliveries`, key);
      return page.json.items.find((d: { status: string }) => d.status === 'succeeded');
    });
    expect(delivery).toMatchObject({ id: test.json.id, attempts: 4, last_status_code: 200 });
    expect(delivery.log.map((a: { ok: boolean; status_code: number }) => [a.ok, a.status_code])).toEqual([[false, 500], [false, 500], [false, 500], [true, 200]]);
    expect(delivery.log[0].response_excerpt).toBe('not yet');
    const attempts = received.filter((r) => r.path === '/flaky');
    expect(attempts).toHaveLength(4);
    expect(new Set(attempts.map((r) => r.headers['webhook-id']))).toEqual(new Set([test.json.event_id])); // one event id throughout
    for (const attempt of attempts) expect(new Webhook(hook.json.secret).verify(attempt.body, attempt.headers)).toMatchObject({ type: 'webhook.test' });
  });
});
