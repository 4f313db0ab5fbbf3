import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/server.ts';
import { deleteKeys, startTestGateway, TOKEN, uniquePrefix } from './helpers.ts';

const prefix = uniquePrefix('raw');
const key = (name: string): string => `${prefix}${name}`;
let gateway: Gateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await deleteKeys(prefix);
  await gateway?.close();
});

async function call(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions below probe arbitrary JSON shapes
  return { status: res.status, body: (await res.json()) as any };
}

describe('Upstash REST protocol (raw HTTP)', () => {
  it('rejects a missing or wrong token with 401', async () => {
    const missing = await fetch(gateway.url, { method: 'POST', body: '["PING"]' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: 'Unauthorized' });
    expect(await call('/', ['PING'], { authorization: 'Bearer wrong' })).toEqual({ status: 401, body: { error: 'Unauthorized' } });
  });

  it('returns plain strings without Upstash-Encoding and base64 with it', async () => {
    expect(await call('/', ['SET', key('s'), 'héllo'])).toEqual({ status: 200, body: { result: 'OK' } });
    expect((await call('/', ['GET', key('s')])).body).toEqual({ result: 'héllo' });
    const encoded = await call('/', ['GET', key('s')], { 'upstash-encoding': 'base64' });
    expect(Buffer.from(encoded.body.result, 'base64').toString('utf8')).toBe('héllo');
    expect((await call('/', ['SET', key('s'), 'x'], { 'upstash-encoding': 'base64' })).body).toEqual({ result: 'T0s=' });
  });

  it('base64-encodes nested arrays but keeps integers and nulls', async () => {
    await call('/', ['RPUSH', key('list'), 'a', 7]); // numbers are sent to Redis as strings
    const res = await call('/', ['EVAL', "return {redis.call('LRANGE', KEYS[1], 0, -1), 5, false}", 1, key('list')], {
      'upstash-encoding': 'base64',
    });
    expect(res.body).toEqual({ result: [['YQ==', 'Nw=='], 5, null] });
  });

  it('rejects bad JSON and malformed commands with 400', async () => {
    const bad = await call('/', '{"not json');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^ERR /);
    expect((await call('/', { cmd: 'GET' })).status).toBe(400);
    expect((await call('/', ['GET', { nested: true }])).status).toBe(400);
  });

  it('passes Redis errors through, e.g. unknown command and NOSCRIPT', async () => {
    const unknown = await call('/', ['NOSUCHCOMMAND', 'x']);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/^ERR unknown command 'NOSUCHCOMMAND'/);
    const noscript = await call('/', ['EVALSHA', 'f'.repeat(40), 0]);
    expect(noscript).toEqual({ status: 400, body: { error: 'NOSCRIPT No matching script. Please use EVAL.' } });
  });

  it('refuses commands that would break the shared connection', async () => {
    for (const command of [['SUBSCRIBE', 'ch'], ['SELECT', '1'], ['BLPOP', key('l'), '0'], ['MULTI'], ['XREAD', 'BLOCK', '0', 'STREAMS', 's', '$']]) {
      const res = await call('/', command);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/not allowed/);
    }
  });

  it('returns per-command results from /pipeline even when one fails', async () => {
    await call('/', ['SET', key('text'), 'abc']);
    const res = await call('/pipeline', [['INCR', key('n')], ['INCR', key('text')], ['SUBSCRIBE', 'x'], ['GET', key('n')]]);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(4);
    expect(res.body[0]).toEqual({ result: 1 });
    expect(res.body[1].error).toMatch(/not an integer/);
    expect(res.body[2].error).toMatch(/not allowed/);
    expect(res.body[3]).toEqual({ result: '1' });
  });

  it('runs /multi-exec atomically with per-command errors', async () => {
    const res = await call('/multi-exec', [['SET', key('tx'), 'a'], ['INCR', key('tx')], ['APPEND', key('tx'), 'b']]);
    expect(res.status).toBe(200);
    expect(res.body[0]).toEqual({ result: 'OK' });
    expect(res.body[1].error).toMatch(/not an integer/);
    expect(res.body[2]).toEqual({ result: 2 });
    const aborted = await call('/multi-exec', [['SET', key('tx2'), 'a'], ['SET', key('tx2')]]);
    expect(aborted.status).toBe(400);
    expect(aborted.body.error).toMatch(/^EXECABORT .*wrong number of arguments/);
    expect((await call('/', ['EXISTS', key('tx2')])).body).toEqual({ result: 0 });
  });

  it('supports path-style commands', async () => {
    expect((await call(`/set/${encodeURIComponent(key('path'))}`, 'raw value')).body).toEqual({ result: 'OK' });
    const res = await fetch(`${gateway.url}/get/${encodeURIComponent(key('path'))}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(await res.json()).toEqual({ result: 'raw value' });
  });

  it('rejects bodies over 10 MB', async () => {
    const res = await call('/', JSON.stringify(['SET', key('big'), 'x'.repeat(11 * 1024 * 1024)]));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/^ERR /);
  });
});
