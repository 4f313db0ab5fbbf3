import { exports } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorMessage, SnapshotMessage } from '../../src/hub/live-protocol';
import { MAX_BAD_MESSAGES } from '../../src/hub/live-protocol';
import { BASE, config, errorOf } from './helpers';
import { connectLive, LiveClient, randomAddress, upgradeLive } from './live.helpers';

const clients: LiveClient[] = [];
afterAll(() => clients.forEach((client) => client.close()));

async function open(address: string, query = '') {
  const client = await connectLive(query, address);
  clients.push(client);
  await client.next<SnapshotMessage>((m) => m.type === 'snapshot');
  return client;
}

/** The response body parsed, in the shape errorOf() reads. */
async function jsonOf(res: Response) {
  return { json: JSON.parse(await res.text()) as unknown };
}

describe('GET /leaderboard/live: sockets per client address (LIVE_MAX_SOCKETS_PER_CLIENT)', () => {
  const perClient = config.LIVE_MAX_SOCKETS_PER_CLIENT;

  it('the next socket from a full address is a 429 with Retry-After; other addresses still connect', async () => {
    const address = randomAddress();
    const mine = await Promise.all(Array.from({ length: perClient }, () => open(address)));

    const refused = await upgradeLive('', address);
    expect(refused.status).toBe(429);
    expect(refused.webSocket).toBeNull();
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(refused.headers.get('Upgrade')).toBeNull();
    expect(errorOf(await jsonOf(refused))).toMatchObject({ code: 'rate_limited', message: expect.stringContaining(`${perClient} live sockets`) });

    await open(randomAddress());
    // The address's open sockets keep working, and closing one makes room for another.
    expect(await mine[0]!.ask('{"v":1,"type":"ping"}', 'pong')).toEqual({ v: 1, type: 'pong' });
    mine[0]!.close();
    await mine[0]!.closed;
    await open(address);
  });

  it('holds under a burst: of many upgrades at once from one address, exactly the cap is accepted', async () => {
    const address = randomAddress();
    const burst = await Promise.all(Array.from({ length: perClient + 5 }, () => upgradeLive('?window=month', address)));
    for (const res of burst) if (res.webSocket) clients.push(new LiveClient(res.webSocket));
    expect(burst.filter((res) => res.status === 101)).toHaveLength(perClient);
    expect(burst.filter((res) => res.status === 429)).toHaveLength(5);
  });
});

describe('GET /leaderboard/live: subscribes per socket (LIVE_SUBSCRIBES_PER_SECOND)', () => {
  const perSecond = config.LIVE_SUBSCRIBES_PER_SECOND;
  const subscribe = (window: string) => JSON.stringify({ type: 'subscribe', window, size: 5 });
  const isReply = (m: unknown) => ['snapshot', 'error'].includes((m as { type?: string }).type ?? '');

  it('quick subscribes past the rate get `rate_limited` errors, not snapshots; a second later subscribing works again', async () => {
    const client = await open(randomAddress());
    const from = client.received.length;
    const started = Date.now();
    for (let i = 0; i < 10; i++) client.ws.send(subscribe(i % 2 ? 'week' : 'month'));
    await client.next(() => client.received.slice(from).filter(isReply).length >= 10, 10_000, '10 replies');
    const elapsedSeconds = (Date.now() - started) / 1000;

    const replies = client.received.slice(from) as (SnapshotMessage | ErrorMessage)[];
    const snapshots = replies.filter((m) => m.type === 'snapshot');
    const errors = replies.filter((m) => m.type === 'error');
    // However slow this machine, no rolling second let more than the rate through.
    const allowed = perSecond * (Math.floor(elapsedSeconds) + 1);
    expect(snapshots.length).toBeGreaterThan(0);
    expect(snapshots.length).toBeLessThanOrEqual(allowed);
    expect(errors.length).toBe(10 - snapshots.length);
    for (const error of errors) expect(error).toEqual({ v: 1, type: 'error', code: 'rate_limited', message: expect.stringContaining(`${perSecond}`) });

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await client.ask<SnapshotMessage>(subscribe('all'), 'snapshot')).toMatchObject({ type: 'snapshot', window: 'all', size: 5 });
  });

  it('each excess subscribe is a strike: enough of them close the socket with 1008', async () => {
    const client = await open(randomAddress());
    let closed = false;
    void client.closed.then(() => (closed = true));
    // Bursts until the hub closes the socket (a slow machine lets a few more through between bursts).
    for (let burst = 0; burst < 20 && !closed; burst++) {
      try {
        for (let i = 0; i < MAX_BAD_MESSAGES + 5; i++) client.ws.send(subscribe('week'));
      } catch {
        // closed meanwhile
      }
      await Promise.race([client.closed, new Promise((resolve) => setTimeout(resolve, 200))]);
    }
    expect((await client.closed).code).toBe(1008);
    const errors = client.received.filter((m) => (m as { type?: string }).type === 'error') as ErrorMessage[];
    expect(errors).toHaveLength(MAX_BAD_MESSAGES + 1);
    expect(errors.every((error) => error.code === 'rate_limited')).toBe(true);
  });
});

describe('GET /openapi.json', () => {
  it('documents the per-client limits of /leaderboard/live', async () => {
    const res = await exports.default.fetch(`${BASE}/openapi.json`);
    const doc = await res.json<{ paths: Record<string, { get: { description: string; responses: Record<string, unknown> } }> }>();
    const live = doc.paths['/leaderboard/live']!.get;
    expect(Object.keys(live.responses)).toEqual(expect.arrayContaining(['429', '503']));
    for (const word of ['LIVE_MAX_SOCKETS_PER_CLIENT', 'LIVE_SUBSCRIBES_PER_SECOND', 'rate_limited']) expect(live.description).toContain(word);
  });
});
