import { isForeignKeyViolation } from '../../db/pg-errors';
import { isPassing } from '../../domain/xp';
import { AppError } from '../../lib/app-error';
import { log } from '../../lib/logger';
import type { AppRouteHandler } from '../../lib/types';
import { unauthorized } from '../../middleware/auth';
import { createRateLimiter, enforceRateLimit } from '../../services/rate-limiter';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { GetRoute, ListRoute, StartRoute, SubmitRoute } from './attempts.routes';
import * as queries from './attempts.queries';

const attemptNotFound = () => new AppError({ code: 'not_found', message: 'Attempt not found' });

export const start: AppRouteHandler<StartRoute> = async (c) => {
  const { challenge_id } = c.req.valid('json');
  const { db, redis } = c.var.services;
  const { config, user } = c.var;

  const limiter = createRateLimiter(redis, {
    prefix: `${config.REDIS_KEY_PREFIX}:rl:start`,
    limit: config.STARTS_PER_MINUTE,
    windowSeconds: 60,
  });
  await enforceRateLimit(limiter, user.id, 'attempt starts');

  const opened = await queries.openAttempt(db, user.id, challenge_id).catch((err: unknown) => {
    // Player tokens cost no lookup: a player deleted since the token was signed meets the user foreign key here.
    if (isForeignKeyViolation(err)) throw unauthorized('User no longer exists');
    throw err;
  });
  if (!opened) throw new AppError({ code: 'not_found', message: 'Challenge not found' });
  // Starting again is not an error: the player gets the attempt already open (200), not a second one.
  return opened.created ? c.json(queries.toAttempt(opened.row), 201) : c.json(queries.toAttempt(opened.row), 200);
};

export const submit: AppRouteHandler<SubmitRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const { db, redis, queue } = c.var.services;
  const { config, user } = c.var;
  if (!config.SELF_REPORTED_SCORES) {
    const message = 'Self-reported scores are turned off here: scores come from the platform’s server (POST /results with an API key)';
    throw new AppError({ code: 'forbidden', message });
  }

  const limiter = createRateLimiter(redis, {
    prefix: `${config.REDIS_KEY_PREFIX}:rl:submit`,
    limit: config.SUBMISSIONS_PER_MINUTE,
    windowSeconds: 60,
  });
  const status = isPassing(body.score, config.PASS_THRESHOLD) ? 'passed' : 'failed';
  const submission = { status, score: body.score, solution: body.solution ?? null, metadata: body.metadata ?? {} } as const;
  // The rate limit and the write go out together: one round trip to the origin instead of two. A
  // refused submit whose write landed is withdrawn before the 429 (or 503), so a refusal changes nothing.
  const [limit, write] = await Promise.allSettled([
    enforceRateLimit(limiter, user.id, 'submissions'),
    queries.submitOwnAttempt(db, id, user.id, submission),
  ]);
  const submitted = write.status === 'fulfilled' ? write.value : undefined;
  if (limit.status === 'rejected' && (!submitted || (await queries.withdrawSubmission(db, submitted.id)))) throw limit.reason;
  // Past here the submission stands, refused or not: one that could not be withdrawn (the player opened
  // another attempt on the challenge meanwhile) is accepted, since one without its award would be lost.
  if (write.status === 'rejected') throw write.reason;
  if (submitted) {
    try {
      await queue.send({ type: 'award', attemptId: submitted.id });
    } catch (err) {
      // Never leave a submission that no award will follow: undo it, and let the player retry. One
      // that cannot be undone is sent again by the cron's sweep of lost awards (src/awards/sweep.ts).
      await queries.withdrawSubmission(db, submitted.id);
      throw err;
    }
  }

  if (!submitted) {
    const existing = await queries.findOwnAttempt(db, id, user.id);
    if (!existing) throw attemptNotFound();
    if (existing.status === 'started' && !(await queries.findPlayableChallenge(db, existing.challengeId))) {
      const message = 'The challenge is no longer published (archived or unpublished by an admin); the attempt stays started';
      throw new AppError({ code: 'conflict', message, details: { status: existing.status } });
    }
    throw new AppError({ code: 'conflict', message: 'Attempt was already submitted', details: { status: existing.status } });
  }
  log.info('challenge_submitted', {
    request_id: c.var.requestId,
    user_id: user.id,
    attempt_id: submitted.id,
    challenge_id: submitted.challengeId,
    score: submitted.score,
    status: submitted.status,
  });
  return c.json(queries.toAttempt(submitted), 202);
};

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const query = c.req.valid('query');
  const page = await queries.listOwnAttempts(c.var.services.db, c.var.user.id, {
    status: query.status,
    challengeId: query.challenge_id,
    limit: query.limit,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
  });
  return c.json({ items: page.items.map(queries.toAttempt), next_cursor: page.next ? encodeCursor(page.next) : null }, 200);
};

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const row = await queries.findOwnAttempt(c.var.services.db, id, c.var.user.id);
  if (!row) throw attemptNotFound();
  return c.json(queries.toAttempt(row), 200);
};
