import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, startFaultStack, type FaultStack } from './fault-stack.ts';
import { underWorkload } from './scenario.ts';

let s: FaultStack;
let redis: Redis;
beforeAll(async () => {
  s = await startFaultStack('faultsredis');
  redis = new Redis(s.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {}); // the first scenario stops this Redis; the client reconnects by itself
});
afterAll(async () => {
  redis?.disconnect();
  await s?.stop();
});

describe('Redis faults under concurrent submits', () => {
  it('Redis stopped for 6 s and restarted empty: awards are published on retry, the lost boards are rebuilt', async () => {
    await underWorkload(s, 'rstop', async () => {
      await s.redis.stop();
      await sleep(6_000);
      await s.redis.start();
    }, { readers: 0 });
  });

  it('Redis flushed (FLUSHDB) mid-workload: the boards are rebuilt from Postgres', async () => {
    await underWorkload(s, 'rflush', async () => {
      await redis.flushdb();
    }, { readers: 0 });
  });

  it('the consumer fails between commit and publish: the awards are published on retry, each awarded once', async () => {
    // The board's key holds a string for 6 s: every publish's ZADD fails (WRONGTYPE) after its award
    // committed, and the batch is retried (a duplicate delivery, after later messages: reordered).
    const board = `${s.prefix}:lb:all`;
    const kept = `${board}:kept-by-test`;
    let window = { from: new Date(), to: new Date() };
    await underWorkload(s, 'rpub', async () => {
      await redis.connect().catch(() => {});
      window = { from: new Date(), to: new Date() };
      await redis.multi().rename(board, kept).set(board, 'not a sorted set').exec();
      await sleep(6_000);
      window.to = new Date();
      await redis.multi().del(board).rename(kept, board).exec();
    });
    // Awards committed while publishing failed, and announced only after it worked again.
    const db = new pg.Client({ connectionString: s.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ count: string }>(
        `select count(*) from attempts where awarded_at between $1 and $2 and announced_at > $2`,
        [window.from, window.to],
      );
      expect(Number(rows[0]!.count)).toBeGreaterThan(0);
    } finally {
      await db.end();
    }
  });
});
