/**
 * The bench's bulk loader (scripts/bench/scale) must write what the award consumer would have:
 * a ledger that follows the award rule, totals and levels from the ledger, boards with the real
 * keys and scores. Checked on a small load against real Postgres and Redis.
 */
import { Redis } from 'ioredis';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../scripts/bench/db.ts';
import { boardKey, loadBoards } from '../../scripts/bench/scale/load-boards.ts';
import { addAttempts, addPlayers, prepareScaleTables, settleTotals } from '../../scripts/bench/scale/load-players.ts';
import { migrateDatabase } from '../../scripts/migrate.ts';
import { seed } from '../../seed/seed.ts';
import { xpFromScore } from '../../src/domain/leaderboard-score.ts';
import { levelForXp } from '../../src/domain/levels.ts';
import { xpForScore } from '../../src/domain/xp.ts';
import { throwawayDatabase } from '../setup/throwaway-databases.ts';

const database = throwawayDatabase('benchdata');
const prefix = `sqbenchtest:${Date.now().toString(36)}`;
const redis = new Redis('redis://127.0.0.1:6379/12');
let db: pg.Client;

beforeAll(async () => {
  await migrateDatabase(database.url);
  await seed(database.url, '1024,8,1', { catalogOnly: true }); // the challenges; the loader makes its own players
  db = await connect(database.url);
  await prepareScaleTables(db);
  await addPlayers(db, 1, 200);
  await addAttempts(db, 1, 199, 10);
  await addAttempts(db, 200, 200, 300);
  await settleTotals(db, 1, 200);
  await loadBoards(db, redis, prefix, 500);
}, 60_000);

afterAll(async () => {
  await db?.end();
  await database.drop();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('bench scale loader', () => {
  it('writes the requested attempts, all awarded, with a ledger row for each pass and none for a fail', async () => {
    const { rows } = await db.query(`select count(*)::int as attempts,
      count(*) filter (where status = 'passed')::int as passed,
      count(*) filter (where awarded_at is null or announced_at is null)::int as unawarded,
      (select count(*)::int from xp_events) as ledger,
      (select count(*)::int from xp_events e join attempts a on a.id = e.attempt_id where a.status <> 'passed') as ledger_for_fails
      from attempts`);
    expect(rows[0]).toMatchObject({ attempts: 199 * 10 + 300, unawarded: 0, ledger_for_fails: 0 });
    expect(rows[0].ledger).toBe(rows[0].passed);
    expect(rows[0].passed).toBeGreaterThan(0.3 * rows[0].attempts);
    expect(rows[0].passed).toBeLessThan(0.7 * rows[0].attempts);
  });

  it('pays each player at most what their best passing score is worth on each challenge (the award rule)', async () => {
    const { rows } = await db.query(`select a.user_id, c.xp as challenge_xp, max(a.score) filter (where a.status = 'passed') as best,
      coalesce(sum(a.xp_awarded), 0)::int as paid, (select coalesce(sum(e.xp), 0)::int from xp_events e
        where e.user_id = a.user_id and e.challenge_id = a.challenge_id) as ledger
      from attempts a join challenges c on c.id = a.challenge_id group by a.user_id, a.challenge_id, c.xp`);
    for (const row of rows as { challenge_xp: number; best: number | null; paid: number; ledger: number }[]) {
      expect(row.ledger).toBe(row.best === null ? 0 : xpForScore(row.challenge_xp, row.best, 70));
      expect(row.paid).toBe(row.ledger);
    }
  });

  it('sets total_xp and level from the ledger', async () => {
    const { rows } = await db.query(`select u.total_xp, u.level, coalesce(sum(e.xp), 0)::int as ledger
      from users u join bench_scale_users b on b.id = u.id left join xp_events e on e.user_id = u.id group by u.id`);
    expect(rows).toHaveLength(200);
    for (const row of rows as { total_xp: number; level: number; ledger: number }[]) {
      expect(row.total_xp).toBe(row.ledger);
      expect(row.level).toBe(levelForXp(row.ledger));
    }
  });

  it('fills the all-time board to the requested size with every player at their total, fillers below', async () => {
    const at = new Date();
    expect(await redis.zcard(boardKey(prefix, 'all', at))).toBe(500);
    const { rows } = await db.query('select id, total_xp from users where total_xp > 0');
    const top = await redis.zrevrange(boardKey(prefix, 'all', at), 0, rows.length - 1, 'WITHSCORES');
    const onBoard = new Map<string, number>();
    for (let i = 0; i < top.length; i += 2) onBoard.set(top[i]!, xpFromScore(Number(top[i + 1])));
    for (const row of rows as { id: string; total_xp: number }[]) expect(onBoard.get(row.id)).toBe(row.total_xp);
    expect(await redis.zcard(boardKey(prefix, 'month', at))).toBeGreaterThan(0);
  });
});
