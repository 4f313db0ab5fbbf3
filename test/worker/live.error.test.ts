import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorMessage, SnapshotMessage, UpdateMessage } from '../../src/hub/live-protocol';
import { createHubNotifier } from '../../src/services/hub';
import { apiWithEnv, withHubEnv } from './env-helpers';
import { api, errorOf, expectError } from './helpers';
import { connectLive, type LiveClient } from './live.helpers';

const clients: LiveClient[] = [];
afterAll(() => clients.forEach((client) => client.close()));

async function open(query = '') {
  const client = await connectLive(query);
  clients.push(client);
  await client.next<SnapshotMessage>((m) => m.type === 'snapshot');
  return client;
}

const upgrade = { Upgrade: 'websocket' };

describe('GET /leaderboard/live: bad requests', () => {
  it.each([
    ['?window=year', 'window'],
    ['?size=0', 'size'],
    ['?size=101', 'size'],
    ['?size=ten', 'size'],
    ['?size=2.5', 'size'],
  ])('%s is a 422 naming the field, before any upgrade', async (query, field) => {
    const res = await api('GET', `/leaderboard/live${query}`, { headers: upgrade });
    expectError(res, 422);
    const error = errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('a plain GET is a 426 in the error shape, naming the protocol to upgrade to', async () => {
    const res = await api('GET', '/leaderboard/live?window=all');
    expect(res.status).toBe(426);
    expect(errorOf(res).code).toBe('upgrade_required');
    expect(res.headers.get('Upgrade')).toBe('websocket');
  });
});

describe('GET /leaderboard/live: the subscriber cap (LIVE_MAX_SUBSCRIBERS)', () => {
  it('past the cap the upgrade is a 503 in the error shape with Retry-After, and open sockets keep working', async () => {
    const first = await open('?window=all'); // at least one socket is open from here on
    const capOfOne = { LIVE_MAX_SUBSCRIBERS: '1' };
    const full = await withHubEnv(capOfOne, () => apiWithEnv(capOfOne, '/leaderboard/live?window=all', { headers: upgrade }));
    expect(full.status).toBe(503);
    expect(errorOf(full)).toMatchObject({ code: 'service_unavailable', message: expect.stringContaining('maximum of 1 subscribers') });
    expect(full.headers.get('Retry-After')).toBe('30');
    expect(full.headers.get('Upgrade')).toBeNull();

    // The refusal took nothing from the sockets already open, and the default cap still admits new ones.
    expect(await first.ask('{"v":1,"type":"ping"}', 'pong')).toEqual({ v: 1, type: 'pong' });
    await open('?window=all');
  });
});

describe('GET /leaderboard/live: bad client messages', () => {
  const ask = (client: LiveClient, data: string | ArrayBuffer) => client.ask<ErrorMessage>(data, 'error');

  it('each gets a typed error message, and the socket keeps working', async () => {
    const client = await open();
    expect(await ask(client, 'not json')).toEqual({ v: 1, type: 'error', code: 'bad_json', message: expect.any(String) });
    expect((await ask(client, '{"type":"dance"}')).code).toBe('unknown_type');
    expect((await ask(client, '[1,2]')).code).toBe('unknown_type');
    expect((await ask(client, 'null')).code).toBe('unknown_type');
    expect((await ask(client, '{"type":"subscribe","window":"year","size":5}')).code).toBe('invalid_message');
    expect((await ask(client, '{"type":"subscribe","window":"all","size":500}')).code).toBe('invalid_message');
    expect((await ask(client, '{"type":"ping","extra":true}')).code).toBe('invalid_message');
    expect((await ask(client, JSON.stringify({ type: 'ping', pad: 'x'.repeat(5_000) }))).code).toBe('too_large');
    expect((await ask(client, new Uint8Array([1, 2, 3]).buffer)).code).toBe('unsupported_data');
    expect(await client.ask('{"type":"ping"}', 'pong')).toEqual({ type: 'pong' });
  });

  it('a rejected subscribe leaves the subscription as it was', async () => {
    const client = await open('?window=month&size=3');
    await ask(client, '{"type":"subscribe","window":"week","size":0}');
    const userId = crypto.randomUUID();
    await createHubNotifier(env).publish([{
      v: 1, type: 'award', user_id: userId, username: 'nobody', xp_awarded: 0, total_xp: 0, level: 1,
      level_up: false, ranks: {}, badges: [], at: new Date().toISOString(),
    }]);
    const update = await client.next<UpdateMessage>((m) => m.type === 'update' && m.award.user_id === userId);
    expect(update.window).toBe('month');
    expect(update.entries.length).toBeLessThanOrEqual(3);
  });

  it('more than 20 bad messages close the socket with 1008', async () => {
    const client = await open();
    for (let i = 0; i < 20; i++) await ask(client, `bad ${i}`);
    expect(await client.ask('{"type":"ping"}', 'pong')).toEqual({ type: 'pong' });
    client.ws.send('one too many');
    const closed = await client.closed;
    expect(closed.code).toBe(1008);
  });
});
