import { Redis } from 'ioredis';
import pg from 'pg';
import { xpFromScore } from '../../src/domain/leaderboard-score.ts';
import { levelForXp } from '../../src/domain/levels.ts';

/**
 * The end-of-scenario consistency check, done directly in SQL and Redis. It stands in for
 * `GET /admin/reconcile` (being added separately): once that exists, `consistencyDifferences` can call it
 * and keep this signature. Every difference is one human-readable line; zero lines means consistent.
 *
 * - the ledger: sum(xp_events.xp) per player == users.total_xp;
 * - the level: users.level == levelForXp(total_xp);
 * - awarded exactly once: every submitted attempt has awarded_at and at most one ledger row;
 * - the Redis all-time board (`<prefix>:lb:all`) holds exactly the players with XP, each at users.total_xp.
 */
export async function consistencyDifferences(target: { databaseUrl: string; redisUrl: string; prefix: string }): Promise<string[]> {
  const db = new pg.Client({ connectionString: target.databaseUrl });
  const redis = new Redis(target.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await db.connect();
  try {
    await redis.connect();
    const differences: string[] = [];
    const players = await db.query<{ id: string; username: string; total_xp: number; level: number; ledger: string }>(
      `select u.id, u.username, u.total_xp, u.level, coalesce((select sum(e.xp) from xp_events e where e.user_id = u.id), 0) as ledger
       from users u`,
    );
    for (const p of players.rows) {
      if (Number(p.ledger) !== p.total_xp) differences.push(`ledger: ${p.username} has total_xp ${p.total_xp}, ledger sum ${p.ledger}`);
      if (p.level !== levelForXp(p.total_xp)) differences.push(`level: ${p.username} is level ${p.level} at ${p.total_xp} XP, expected ${levelForXp(p.total_xp)}`);
    }
    const attempts = await db.query<{ id: string; awarded_at: Date | null; ledger_rows: string }>(
      `select a.id, a.awarded_at, (select count(*) from xp_events e where e.attempt_id = a.id) as ledger_rows
       from attempts a where a.status <> 'started'`,
    );
    for (const a of attempts.rows) {
      if (a.awarded_at === null) differences.push(`award: attempt ${a.id} was submitted but never awarded`);
      if (Number(a.ledger_rows) > 1) differences.push(`award: attempt ${a.id} has ${a.ledger_rows} ledger rows`);
    }
    const flat = await redis.zrange(`${target.prefix}:lb:all`, '0', '-1', 'WITHSCORES');
    const board = new Map<string, number>();
    for (let i = 0; i + 1 < flat.length; i += 2) board.set(flat[i]!, xpFromScore(Number(flat[i + 1])));
    for (const p of players.rows) {
      const onBoard = board.get(p.id);
      if (p.total_xp > 0 && onBoard !== p.total_xp) differences.push(`board: ${p.username} has ${p.total_xp} XP, the all-time board ${onBoard ?? 'nothing'}`);
      if (p.total_xp === 0 && onBoard !== undefined) differences.push(`board: ${p.username} has no XP but is on the all-time board at ${onBoard}`);
      board.delete(p.id);
    }
    for (const [id, xp] of board) differences.push(`board: unknown member ${id} at ${xp}`);
    return differences;
  } finally {
    await db.end();
    redis.disconnect();
  }
}

/** Submitted attempts not yet awarded or not yet announced (their publish is still to come). */
export async function pendingAwards(databaseUrl: string): Promise<{ unawarded: number; unannounced: number }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ unawarded: string; unannounced: string }>(
      `select count(*) filter (where awarded_at is null) as unawarded,
              count(*) filter (where announced_at is null) as unannounced
       from attempts where status <> 'started'`,
    );
    return { unawarded: Number(rows[0]!.unawarded), unannounced: Number(rows[0]!.unannounced) };
  } finally {
    await db.end();
  }
}

/**
 * Waits until every submitted attempt is awarded and announced (queue retries take 5 s, 10 s, 20 s …).
 * `tick` stands in for Cloudflare's cron, which re-sends awards lost on the way to the queue: it is
 * called every `tickEveryMs` while something is pending.
 */
export async function settle(
  databaseUrl: string,
  { timeoutMs = 90_000, tick, tickEveryMs = 5_000 }: { timeoutMs?: number; tick?: () => Promise<void>; tickEveryMs?: number } = {},
): Promise<{ unawarded: number; unannounced: number }> {
  const deadline = Date.now() + timeoutMs;
  let nextTick = Date.now() + tickEveryMs;
  let pending = await pendingAwards(databaseUrl);
  while ((pending.unawarded > 0 || pending.unannounced > 0) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    if (tick && Date.now() >= nextTick) {
      await tick();
      nextTick = Date.now() + tickEveryMs;
    }
    pending = await pendingAwards(databaseUrl);
  }
  return pending;
}
