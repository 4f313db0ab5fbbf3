/**
 * Bulk players, attempts and the XP ledger, generated inside Postgres (INSERT … SELECT
 * generate_series: no round trip per row). The ledger follows the award rule: a passing attempt
 * earns what its score adds over the best earlier score on that challenge; users.total_xp and
 * level are then set from the ledger, so the data is what the award consumer would have written.
 */
import type pg from 'pg';

/** Numbered players of the scale run (n → user id), so chunks can address users by range. */
export async function prepareScaleTables(db: pg.Client): Promise<void> {
  await db.query(`create unlogged table if not exists bench_scale_users (n int primary key, id uuid not null)`);
  await db.query(`create unlogged table if not exists bench_scale_challenges (n int primary key, id uuid not null, xp int not null)`);
  await db.query(`insert into bench_scale_challenges select row_number() over (order by created_at, id), id, xp
                  from challenges where published and archived_at is null on conflict do nothing`);
}

/** Players scale_<from> … scale_<to> (no usable password: nobody logs in as them). */
export async function addPlayers(db: pg.Client, from: number, to: number): Promise<void> {
  await db.query(
    `with ins as (
       insert into users (username, email, password_hash, created_at)
       select 'scale_' || g, 'scale_' || g || '@bench.test', 'unusable', now() - interval '61 days'
       from generate_series($1::int, $2::int) g returning id, username)
     insert into bench_scale_users (n, id) select substr(username, 7)::int, id from ins`,
    [from, to],
  );
}

/** An existing user (one registered through the API) joins the numbered players as `n`. */
export async function enlist(db: pg.Client, n: number, userId: string): Promise<void> {
  await db.query('insert into bench_scale_users (n, id) values ($1, $2)', [n, userId]);
}

/**
 * `perUser` awarded attempts for each player numbered `from` … `to`, over the last 60 days, about
 * half passing, with their ledger rows. Players must not have attempts yet (the ledger of
 * existing attempts would have to be recomputed).
 */
export async function addAttempts(db: pg.Client, from: number, to: number, perUser: number): Promise<void> {
  await db.query(
    `with gen as (
       select u.id as user_id, c.id as challenge_id, c.xp as challenge_xp, g.score, g.started_at,
              g.started_at + g.think as submitted_at
       from bench_scale_users u
       cross join lateral (
         select 40 + floor(random() * 61)::int as score, 1 + floor(random() * 7)::int as cn,
                now() - interval '1 hour' - random() * interval '60 days' as started_at,
                random() * interval '30 minutes' as think
         from generate_series(1, $3::int) where u.id is not null) g
       join bench_scale_challenges c on c.n = g.cn
       where u.n between $1 and $2
     ), scored as (
       select gen_random_uuid() as id, gen.*,
              case when score >= 70 then round(challenge_xp * score / 100.0)::int else 0 end as worth
       from gen
     ), paid as (
       select scored.*, greatest(0, worth - coalesce(max(worth) over (partition by user_id, challenge_id
                order by submitted_at, id rows between unbounded preceding and 1 preceding), 0)) as xp
       from scored
     ), ins as (
       insert into attempts (id, user_id, challenge_id, status, score, started_at, submitted_at, awarded_at, announced_at, xp_awarded)
       select id, user_id, challenge_id, (case when score >= 70 then 'passed' else 'failed' end)::attempt_status, score,
              started_at, submitted_at, submitted_at + interval '2 seconds', submitted_at + interval '2 seconds',
              case when score >= 70 then xp else 0 end
       from paid returning id, user_id, challenge_id, status, xp_awarded, awarded_at
     )
     insert into xp_events (user_id, attempt_id, challenge_id, xp, created_at)
     select user_id, id, challenge_id, xp_awarded, awarded_at from ins where status = 'passed'`,
    [from, to, perUser],
  );
}

/** users.total_xp, level (product.md's curve) and xp_reached_at from the ledger, for players `from` … `to`. */
export async function settleTotals(db: pg.Client, from: number, to: number): Promise<void> {
  await db.query(
    `update users u set total_xp = s.xp, level = floor(sqrt(s.xp / 100.0))::int + 1, xp_reached_at = coalesce(s.reached, u.xp_reached_at)
     from (select e.user_id, sum(e.xp)::int as xp, max(e.created_at) filter (where e.xp > 0) as reached
           from xp_events e join bench_scale_users b on b.id = e.user_id
           where b.n between $1 and $2 group by e.user_id) s
     where u.id = s.user_id`,
    [from, to],
  );
}

export async function analyze(db: pg.Client): Promise<void> {
  await db.query('analyze users, attempts, xp_events, user_badges');
}
