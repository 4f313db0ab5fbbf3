import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/server.ts';
import { deleteKeys, startTestGateway, TOKEN, uniquePrefix } from './helpers.ts';

const prefix = uniquePrefix('client');
const key = (name: string): string => `${prefix}${name}`;
let gateway: Gateway;
let redis: Redis;

beforeAll(async () => {
  gateway = await startTestGateway();
  redis = new Redis({ url: gateway.url, token: TOKEN, enableTelemetry: false }); // base64 responses by default
});

afterAll(async () => {
  await deleteKeys(prefix);
  await gateway?.close();
});

describe('@upstash/redis against the gateway', () => {
  it('round-trips ASCII, unicode and JSON values', async () => {
    expect(await redis.set(key('ascii'), 'hello')).toBe('OK');
    expect(await redis.get(key('ascii'))).toBe('hello');
    const unicode = 'héllo wörld 🚀 日本語 \u0000 end';
    await redis.set(key('unicode'), unicode);
    expect(await redis.get(key('unicode'))).toBe(unicode);
    const json = { name: 'Ada', xp: 1200, badges: ['first-quest', 'streak-7'], nested: { ok: true } };
    await redis.set(key('json'), json);
    expect(await redis.get(key('json'))).toEqual(json);
    expect(await redis.get(key('missing'))).toBeNull();
  });

  it('returns integers as numbers', async () => {
    expect(await redis.incr(key('counter'))).toBe(1);
    expect(await redis.incrby(key('counter'), 41)).toBe(42);
    expect(await redis.get<number>(key('counter'))).toBe(42);
  });

  it('handles sorted sets with scores, including ZADD GT', async () => {
    const board = key('leaderboard');
    expect(await redis.zadd(board, { score: 10, member: 'ada' }, { score: 2.5, member: 'bob' })).toBe(2);
    expect(await redis.zadd(board, { gt: true }, { score: 5, member: 'ada' })).toBe(0); // lower: ignored
    await redis.zadd(board, { gt: true }, { score: 20, member: 'bob' }); // higher: applied
    expect(await redis.zrange(board, 0, -1, { withScores: true })).toEqual(['ada', 10, 'bob', 20]);
    expect(await redis.zrange(board, 0, 0, { rev: true })).toEqual(['bob']);
    expect(await redis.zscore(board, 'ada')).toBe(10);
  });

  it('handles hashes', async () => {
    expect(await redis.hset(key('hash'), { title: 'First quest', xp: 50 })).toBe(2);
    expect(await redis.hgetall(key('hash'))).toEqual({ title: 'First quest', xp: 50 });
    expect(await redis.hgetall(key('no-hash'))).toBeNull();
  });

  it('runs an explicit pipeline', async () => {
    const results = await redis.pipeline().set(key('p'), 1).incr(key('p')).get(key('p')).exec();
    expect(results).toEqual(['OK', 2, 2]);
  });

  it('runs multi/exec', async () => {
    const results = await redis.multi().set(key('m'), 'a').append(key('m'), 'b').get(key('m')).exec();
    expect(results).toEqual(['OK', 2, 'ab']);
  });

  it('runs single commands without auto-pipelining and reports errors', async () => {
    const direct = new Redis({ url: gateway.url, token: TOKEN, enableAutoPipelining: false, enableTelemetry: false });
    await direct.set(key('text'), 'not a number');
    await expect(direct.incr(key('text'))).rejects.toThrow(/not an integer/);
    expect(await direct.del(key('text'))).toBe(1);
  });

  it('supports eval and evalsha, with NOSCRIPT for unknown scripts', async () => {
    expect(await redis.eval('return ARGV[1]', [], ['echo'])).toBe('echo');
    const sha = await redis.scriptLoad('return KEYS[1]');
    expect(await redis.evalsha(sha, [key('k')], [])).toBe(key('k'));
    await expect(redis.evalsha('0'.repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
  });

  it('drives @upstash/ratelimit (EVALSHA, NOSCRIPT fallback to EVAL)', async () => {
    const limiter = new Ratelimit({
      redis,
      limiter: Ratelimit.slidingWindow(2, '10 s'),
      prefix: key('ratelimit'),
      ephemeralCache: false,
    });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await limiter.limit('user-1'));
    expect(results.map((r) => r.success)).toEqual([true, true, false]);
    expect(results[0]!.remaining).toBe(1);
    expect((await limiter.limit('user-2')).success).toBe(true); // scripts now cached: EVALSHA path
  });

  it('works with responseEncoding: false (plain UTF-8 strings)', async () => {
    const plain = new Redis({ url: gateway.url, token: TOKEN, responseEncoding: false, enableTelemetry: false });
    expect(await plain.set(key('plain'), 'ünïcødé ✓')).toBe('OK');
    expect(await plain.get(key('plain'))).toBe('ünïcødé ✓');
    await plain.zadd(key('plain-z'), { score: 1.5, member: 'x' });
    expect(await plain.zrange(key('plain-z'), 0, -1, { withScores: true })).toEqual(['x', 1.5]);
  });
});
