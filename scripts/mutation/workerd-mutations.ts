/**
 * Hand-written mutations of the code that only the workerd tests reach (Stryker's vitest runner is
 * too slow there, see reports/mutation/README.md). Each is one realistic slip, applied alone to
 * `file` (`from` must occur exactly once), while `tests` run; a test must fail for it to be killed.
 * `survives` records why a mutant is expected to live (an equivalent mutant, or a gap accepted).
 */
export interface Mutation {
  id: string;
  file: string;
  from: string;
  to: string;
  /** Test files: under test/worker run in the worker project, under test/unit in the unit project. */
  tests: string[];
  /** What the slip would break, in a few words. */
  breaks: string;
  survives?: string;
}

const W = (name: string) => `test/worker/${name}.test.ts`;
const U = (name: string) => `test/unit/${name}.test.ts`;

const boards = 'src/services/leaderboard/boards.ts';
const reader = 'src/services/leaderboard/reader.ts';
const standings = 'src/services/leaderboard/standings.ts';
const awardAttempt = 'src/awards/award-attempt.ts';
const awardPlan = 'src/awards/award-plan.ts';
const awardWrites = 'src/awards/award-writes.ts';
const awardLocks = 'src/awards/award-locks.ts';
const publish = 'src/awards/publish-award.ts';
const consumer = 'src/queue/consumer.ts';
const limiter = 'src/services/rate-limiter.ts';
const counts = 'src/services/game-counts.ts';

export const mutations: Mutation[] = [
  // The leaderboard service: Redis boards, the reader, the SQL standings, rebuilds.
  { id: 'boards-recordMany-no-GT', file: boards, breaks: 'an older, lower total lowers the board',
    from: 'tx.zadd(key(total.window, totalsAt), { gt: true },', to: 'tx.zadd(key(total.window, totalsAt), {},', tests: [W('boards')] },
  { id: 'boards-record-no-GT', file: boards, breaks: 'record() lowers a board',
    from: 'tx.zadd(key(total.window, at), { gt: true },', to: 'tx.zadd(key(total.window, at), {},', tests: [W('boards')] },
  { id: 'boards-merge-no-GT', file: boards, breaks: 'a rebuild catching up lowers totals',
    from: 'addInChunks(tx, key(window, at), members, true);', to: 'addInChunks(tx, key(window, at), members, false);', tests: [W('boards')] },
  { id: 'boards-zero-xp-ranked', file: boards, breaks: 'a player with 0 XP in a window is ranked',
    from: 'for (const total of totals.filter((t) => t.xp > 0)) {', to: 'for (const total of totals.filter((t) => t.xp >= 0)) {',
    tests: [W('award-pipeline.error')] },
  { id: 'boards-week-ttl', file: boards, breaks: 'past weekly boards never expire',
    from: 'week: 15 * 86_400,', to: 'week: null,', tests: [W('boards')] },
  { id: 'boards-range-rank-off-by-one', file: boards, breaks: 'ranks start at 0',
    from: 'rank: offset + i / 2 + 1 });', to: 'rank: offset + i / 2 });', tests: [W('boards')] },
  { id: 'boards-rank-off-by-one', file: boards, breaks: 'rank() is 0-based',
    from: 'return rank === null ? null : rank + 1;', to: 'return rank;', tests: [W('boards')] },
  { id: 'reader-never-rebuilds', file: reader, breaks: 'a lost board is never rebuilt from Postgres',
    from: 'if (!page || (page.size > 0 && page.complete)) return page;', to: 'if (!page || page.size >= 0) return page;',
    tests: [W('leaderboard.windows'), W('progress')] },
  { id: 'reader-rank-fallback-null', file: reader, breaks: 'with Redis down every rank is null',
    from: "return { source: 'postgres' as Source, rank: await sqlRank(deps.db, window, userId, now) };",
    to: "return { source: 'postgres' as Source, rank: null };", tests: [W('progress'), W('leaderboard.windows')] },
  { id: 'reader-fallback-without-names', file: reader, breaks: 'the Postgres fallback drops every row (no display fields)',
    from: 'const player = row.player ?? byId.get(row.userId);', to: 'const player = row.player;', tests: [W('leaderboard.windows')] },
  { id: 'standings-tie-latest-first', file: standings, breaks: 'at equal XP the later player ranks first',
    from: 'order by ${xp} desc, ${reached} asc, ${id} desc\n', to: 'order by ${xp} desc, ${reached} desc, ${id} desc\n',
    tests: [W('standings')] },
  { id: 'standings-sqlRank-id-tiebreak', file: standings, breaks: 'the SQL rank disagrees with Redis within one second',
    from: 'or (${reached} = ${mySecond} and ${id} > ${userId})', to: 'or (${reached} = ${mySecond} and ${id} < ${userId})',
    tests: [W('standings')] },
  { id: 'standings-zero-xp', file: standings, breaks: 'players without XP are ranked',
    from: "filter: sql`total_xp > 0`", to: "filter: sql`total_xp >= 0`", tests: [W('standings')] },
  { id: 'rebuild-catch-up-window', file: 'src/services/leaderboard/rebuild.ts', breaks: 'an award published during a rebuild is wiped',
    from: 'new Date(snapshot.readAt.getTime() - IN_FLIGHT_MS)', to: 'new Date(snapshot.readAt.getTime() + IN_FLIGHT_MS)',
    tests: [W('leaderboard.windows')] },

  // The award pipeline.
  { id: 'award-replay-re-awarded', file: awardPlan, breaks: 'a replay rewrites the attempt row (awarded_at, levels)',
    from: 'if (attempt.awarded_at !== null) {', to: 'if (false) {', tests: [W('award-pipeline.error')] },
  { id: 'award-failed-pays', file: awardPlan, breaks: 'a failed attempt pays XP',
    from: "const passDay = attempt.status === 'passed' ? state.passDay : null;", to: 'const passDay = state.passDay;',
    tests: [W('award-pipeline.error')] },
  { id: 'award-farming', file: awardPlan, breaks: 'repeating a challenge pays its XP again',
    from: 'threshold), earlier?.xpPaid ?? 0)', to: 'threshold), 0)', tests: [W('award-pipeline.error')] },
  { id: 'award-level-before', file: awardPlan, breaks: 'level_before records the new level',
    from: '      levelBefore, levelAfter: r.level,', to: '      levelBefore: r.level, levelAfter: r.level,', tests: [W('award-pipeline.error')] },
  { id: 'award-window-of-submission', file: awardAttempt, breaks: 'XP counts in the week of the submission, not of the award',
    from: 'const at = new Date(toRead[0]!.now);', to: 'const at = new Date(toRead[0]!.submitted_at ?? toRead[0]!.now);',
    tests: [W('leaderboard.windows')] },
  { id: 'award-paid-ignores-ledger', file: awardPlan, breaks: 'XP counted although the ledger already had the attempt',
    from: 'const paid = passDay !== null && !attempt.in_ledger ? xp : 0;', to: 'const paid = passDay !== null ? xp : 0;', tests: [W('award-pipeline.error')],
    survives: 'Unreachable while the attempt row is locked and awarded_at checked first: the ledger conflict is a second line of defence.' },
  { id: 'writes-window-totals-overwritten', file: awardWrites, breaks: 'a second award in a week replaces the week total',
    from: 'set xp = player_window_totals.xp + excluded.xp,', to: 'set xp = excluded.xp,', tests: [W('leaderboard.windows'), W('award-pipeline.error')] },
  { id: 'writes-reached-at-regresses', file: awardWrites, breaks: 'an out-of-order commit moves xp_reached_at back',
    from: 'xp_reached_at = greatest(xp_reached_at, g.reached_at)', to: 'xp_reached_at = g.reached_at',
    tests: [W('award-pipeline.error')],
    survives: 'Only two awards of one player committing out of their transaction-start order (microseconds apart, serialised by the row lock) differ; no test can order that.' },
  { id: 'writes-best-score-overwritten', file: awardWrites, breaks: 'a lower later pass replaces the best score',
    from: 'best_score = greatest(player_challenges.best_score, excluded.best_score)', to: 'best_score = excluded.best_score',
    tests: [W('award-pipeline.error')] },
  { id: 'locks-retired-pays', file: awardLocks, breaks: 'a retired challenge still pays XP',
    from: 'case when c.published and c.archived_at is null then c.xp else 0 end', to: 'c.xp', tests: [W('attempts.unplayable')] },
  { id: 'locks-pass-day-in-utc', file: awardLocks, breaks: "pass days counted in UTC, not the player's zone",
    from: '(b.submitted_at at time zone b.timezone)::date as day', to: "(b.submitted_at at time zone 'UTC')::date as day", tests: [W('streaks')] },
  { id: 'badges-condition-ignored', file: 'src/awards/grant-badges.ts', breaks: 'every badge is granted on any award',
    from: 'return condition.success && evaluateCondition(condition.data, stats).met;', to: 'return condition.success;',
    tests: [W('award-pipeline.error')] },
  { id: 'publish-announces-again', file: publish, breaks: 'a replayed award is announced to subscribers again',
    from: '.where(and(inArray(attempts.id, attemptIds), isNull(attempts.announcedAt))),', to: '.where(inArray(attempts.id, attemptIds)),',
    tests: [W('award-pipeline.retry'), W('award-pipeline.batch')] },
  { id: 'publish-level-up-always', file: publish, breaks: 'every award is announced as a level-up',
    from: 'level_up: outcome.level > outcome.previousLevel,', to: 'level_up: outcome.level >= outcome.previousLevel,',
    tests: [W('award-pipeline.retry'), W('award-pipeline.batch')] },
  { id: 'publish-stale-display-level', file: publish, breaks: 'the board row shows the level before the award',
    from: 'player: { username: outcome.username, level: levelForXp(outcome.totalXp) },', to: 'player: { username: outcome.username, level: outcome.previousLevel },',
    tests: [W('award-pipeline.batch'), W('live.happy')] },
  { id: 'snapshot-today-in-utc', file: 'src/services/player-stats.ts', breaks: "the live streak is judged by UTC's today",
    from: 'localDate(now, row.timezone)', to: "localDate(now, 'UTC')", tests: [U('player-snapshot'), W('progress')] },

  // The global counts (admin stats, metrics).
  { id: 'counts-players-include-admins', file: counts, breaks: 'admins are counted as players',
    from: "(select count(*) from users where role = 'player')::int as players,", to: '(select count(*) from users)::int as players,',
    tests: [W('admin'), W('metrics')] },
  { id: 'counts-pending-includes-started', file: counts, breaks: 'started attempts count as the award backlog',
    from: "where status <> 'started' and awarded_at is null)::int as awards_pending", to: 'where awarded_at is null)::int as awards_pending',
    tests: [W('admin'), W('metrics')] },
  { id: 'counts-new-admins-per-day', file: counts, breaks: 'new admins count as new players',
    from: "left join users u on u.role = 'player'\n", to: 'left join users u on true\n', tests: [W('admin')] },

  // The queue consumer.
  { id: 'backoff-cap', file: consumer, breaks: 'the backoff is capped at 10 minutes',
    from: 'return Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));', to: 'return Math.min(600, 5 * 2 ** Math.max(0, attempts - 1));',
    tests: [W('queue-backoff')] },
  { id: 'backoff-off-by-one', file: consumer, breaks: 'the first retry waits 10 s',
    from: 'return Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));', to: 'return Math.min(300, 5 * 2 ** Math.max(0, attempts));',
    tests: [W('queue-backoff')] },
  { id: 'retry-without-delay', file: consumer, breaks: 'failed messages are retried at once',
    from: 'message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });', to: 'message.retry();', tests: [W('queue-backoff')] },
  { id: 'unknown-attempt-retried', file: consumer, breaks: 'an unknown attempt is retried until the dead-letter queue',
    from: 'else message.ack(); // an unknown', to: 'else message.retry(); // an unknown', tests: [W('award-pipeline.error')] },
  { id: 'invalid-message-retried', file: consumer, breaks: 'a malformed message is retried forever',
    from: "log.error('queue_message_invalid', { queue: batch.queue, message_id: message.id });\n    message.ack();",
    to: "log.error('queue_message_invalid', { queue: batch.queue, message_id: message.id });\n    message.retry();",
    tests: [W('award-pipeline.error')] },

  // The rate limiter.
  { id: 'limiter-fails-open', file: limiter, breaks: 'with Redis down every request is let through',
    from: "        throw new AppError({\n          code: 'service_unavailable',",
    to: "        return { success: true, retryAfterSeconds: 1 }; throw new AppError({\n          code: 'service_unavailable',",
    tests: [W('rate-limiter.outage')] },
  { id: 'limiter-retry-after-unit', file: limiter, breaks: 'Retry-After in tenths of a second',
    from: 'Math.ceil((result.reset - Date.now()) / 1000)', to: 'Math.ceil((result.reset - Date.now()) / 100)', tests: [W('auth.error')] },
  { id: 'limiter-wrong-budget', file: 'src/routes/attempts/attempts.handlers.ts', breaks: 'starts limited to the submissions budget',
    from: 'limit: config.STARTS_PER_MINUTE,', to: 'limit: config.SUBMISSIONS_PER_MINUTE,', tests: [W('attempts.start')] },
  { id: 'limiter-denied-passes', file: limiter, breaks: 'a request over the limit is let through',
    from: '  if (success) return;', to: '  if (success || retryAfterSeconds > 0) return;', tests: [W('attempts.start'), W('auth.error')] },

  // The live hub.
  { id: 'hub-every-window-all-time', file: 'src/hub/board-cache.ts', breaks: 'weekly subscribers get the all-time board',
    from: 'await readTop(scope.services, window, 0, MAX_BOARD_SIZE, now);', to: "await readTop(scope.services, 'all', 0, MAX_BOARD_SIZE, now);",
    tests: [W('live.happy')] },
  { id: 'hub-cap-off-by-one', file: 'src/hub/leaderboard-hub.ts', breaks: 'one subscriber more than the cap is let in',
    from: 'if (this.ctx.getWebSockets().length >= config.LIVE_MAX_SUBSCRIBERS)',
    to: 'if (this.ctx.getWebSockets().length > config.LIVE_MAX_SUBSCRIBERS)', tests: [W('live.error')] },

  // Lost awards (the cron's sweep) and the one-round-trip submit.
  { id: 'sweep-ignores-age', file: 'src/awards/resend-unawarded.ts', breaks: 'a submission seconds old is re-sent as lost',
    from: 'unawarded(db, new Date(now.getTime() - olderThanMs), notDeadLettered, SWEEP_LIMIT)', to: 'unawarded(db, now, notDeadLettered, SWEEP_LIMIT)',
    tests: [W('lost-awards')] },
  { id: 'sweep-resends-dead-letters', file: 'src/awards/resend-unawarded.ts', breaks: 'a dead-lettered award is sent again every minute',
    from: 'const notDeadLettered = sql`not exists (', to: 'const notDeadLettered = sql`true or not exists (', tests: [W('lost-awards')] },
  { id: 'sweep-not-scheduled', file: 'src/index.ts', breaks: 'the cron runs nothing', from: '  scheduled: sweepLostAwards,\n', to: '',
    tests: [W('lost-awards')] },
  { id: 'submit-refusal-ignored', file: 'src/routes/attempts/attempts.handlers.ts', breaks: 'a submit over the limit is accepted',
    from: "if (limit.status === 'rejected' && (", to: "if (false && limit.status === 'rejected' && (", tests: [W('attempts.error')] },
  { id: 'withdraw-beside-open-attempt', file: 'src/routes/attempts/attempts.queries.ts', breaks: 'a withdrawal beside a reopened attempt is a 500',
    from: "if (pgError(err)?.code === '23505') return false;", to: '', tests: [W('attempts.error')] },
  { id: 'edge-cache-mark-leaks', file: 'src/middleware/edge-cache.ts', breaks: 'the internal JSON-text header reaches clients',
    from: '      res.headers.delete(JSON_TEXT_MARK);\n', to: '', tests: [W('edge-cache')] },
  { id: 'progress-shows-unplayable', file: 'src/routes/progress/progress.queries.ts', breaks: "another viewer sees attempts on unpublished challenges",
    from: 'sql`${attempts.challengeId} = any(${visibleChallengeIds})`', to: 'sql`true`', tests: [W('progress')] },
];
