import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { recalcPlayers } from '../src/awards/recalc-xp.ts';
import type { TransactionalDatabase } from '../src/db/client.ts';
import { levelForXp } from '../src/domain/levels.ts';
import { localDate } from '../src/domain/streaks.ts';
import { isPassing, xpForScore } from '../src/domain/xp.ts';
import { demoHistory } from './data.ts';

interface Player {
  id: string;
  username: string;
  timezone: string;
}

/** `YYYY-MM-DD` minus `days` calendar days. */
function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

interface PastRow {
  player: Player;
  challengeId: string;
  score: number;
  day: string;
  /** Its index in the player's history: it is submitted at 12:00 + 40 min × slot, so two on one day keep their order. */
  slot: number;
  passed: boolean;
  xp: number;
  levelBefore: number;
  levelAfter: number;
}

/**
 * One past attempt as the award would have left it: submitted in the afternoon of its day in the
 * player's timezone, awarded and announced two seconds later, with its ledger row if it passed.
 */
async function writeAttempt(db: NodePgDatabase, row: PastRow) {
  await db.execute(sql`
    with t as (
      select (${row.day}::date + time '12:00' + ${row.slot} * interval '40 minutes') at time zone ${row.player.timezone} as submitted
    ), attempt as (
      insert into attempts (user_id, challenge_id, status, score, xp_awarded, solution, started_at, submitted_at, awarded_at,
                            announced_at, level_before, level_after, pass_day)
      select ${row.player.id}, ${row.challengeId}, ${row.passed ? 'passed' : 'failed'}::attempt_status, ${row.score}, ${row.xp},
             'demo history', submitted - interval '25 minutes', submitted, submitted + interval '2 seconds',
             submitted + interval '2 seconds', ${row.levelBefore}, ${row.levelAfter}, ${row.passed ? row.day : null}::date
      from t returning id, awarded_at
    )
    insert into xp_events (user_id, attempt_id, challenge_id, xp, created_at)
    select ${row.player.id}, id, ${row.challengeId}, ${row.xp}, awarded_at from attempt where ${row.passed}`);
}

/** A player's planned attempts, oldest first, with XP and levels as the awards would have paid them. */
async function writePlayerHistory(db: NodePgDatabase, player: Player, challenges: Map<string, { id: string; xp: number }>, now: Date, threshold: number) {
  const plan = demoHistory.find((h) => h.username === player.username)?.attempts ?? [];
  const today = localDate(now, player.timezone);
  let total = 0;
  for (const [slot, past] of [...plan].sort((a, b) => b.daysAgo - a.daysAgo).entries()) {
    const challenge = challenges.get(past.challenge);
    if (!challenge) throw new Error(`demo history names an unknown challenge: ${past.challenge}`);
    const xp = xpForScore(challenge.xp, past.score, threshold); // each challenge is passed once: nothing was paid on it before
    const levelBefore = levelForXp(total);
    total += xp;
    await writeAttempt(db, {
      player, challengeId: challenge.id, score: past.score, day: daysBefore(today, past.daysAgo), slot,
      passed: isPassing(past.score, threshold), xp, levelBefore, levelAfter: levelForXp(total),
    });
  }
  return plan.length;
}

/**
 * Gives the demo players their past attempts (demoHistory), only to players with no attempt at all,
 * so a second run writes nothing. The attempts and the ledger are written as the award writes them;
 * totals, levels, the award's kept stats (player_stats, player_challenges, pass days, window totals)
 * and badges then come from the recalc job's own rebuild (recalcPlayers). All in one transaction.
 * Returns the number of attempts written.
 */
export async function seedHistory(db: NodePgDatabase, { now = new Date(), threshold = 70 } = {}): Promise<number> {
  const names = demoHistory.map((h) => h.username);
  return db.transaction(async (tx) => {
    const found = await tx.execute(sql`
      select u.id, lower(u.username) as username, u.timezone from users u
      where lower(u.username) = any(${sql.param(names)}::text[]) and not exists (select 1 from attempts a where a.user_id = u.id)
      order by u.id for update`);
    const players = found.rows as unknown as Player[];
    if (players.length === 0) return 0;
    const catalog = await tx.execute(sql`select id, title, xp from challenges`);
    const challenges = new Map((catalog.rows as { id: string; title: string; xp: number }[]).map((c) => [c.title, c]));
    let written = 0;
    for (const player of players) written += await writePlayerHistory(tx, player, challenges, now, threshold);
    // The recalc's functions take the Workers driver's type; they only call execute() and transaction(), which
    // node-postgres answers alike ({ rows }; a nested transaction is a savepoint of this one).
    await recalcPlayers(tx as unknown as TransactionalDatabase, players.map((p) => p.id), { seed: 'demo history' });
    return written;
  });
}
