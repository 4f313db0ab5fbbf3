import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { difficulties } from '../domain/badge-conditions';

export const userRole = pgEnum('user_role', ['player', 'admin']);
export const difficulty = pgEnum('difficulty', difficulties);
export const attemptStatus = pgEnum('attempt_status', ['started', 'passed', 'failed']);
export const jobStatus = pgEnum('job_status', ['queued', 'running', 'succeeded', 'failed']);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull().default('player'),
    timezone: text('timezone').notNull().default('UTC'),
    totalXp: integer('total_xp').notNull().default(0),
    level: integer('level').notNull().default(1),
    // When total_xp last changed: the leaderboard's tie-break (who reached the total first).
    xpReachedAt: timestamp('xp_reached_at', { withTimezone: true }).notNull().defaultNow(),
    profile: jsonb('profile').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_lower_key').on(sql`lower(${t.username})`),
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    // The all-time standings order exactly (see services/leaderboard/standings.ts): XP, then the second
    // the total was reached (the Redis score's resolution), then id descending; only ranked players.
    index('users_standing_idx')
      .on(t.totalXp.desc().nullsFirst(), sql`date_trunc('second', ${t.xpReachedAt} at time zone 'UTC')`, t.id.desc().nullsFirst())
      .where(sql`${t.totalXp} > 0`),
    index('users_created_at_idx').on(t.createdAt),
    check('users_username_format', sql`${t.username} ~ '^[A-Za-z0-9_.-]{3,32}$'`),
    check('users_total_xp_nonnegative', sql`${t.totalXp} >= 0`),
    check('users_level_positive', sql`${t.level} >= 1`),
  ],
);

export const challenges = pgTable(
  'challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    xp: integer('xp').notNull(),
    difficulty: difficulty('difficulty').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    published: boolean('published').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('challenges_title_key').on(t.title),
    index('challenges_listing_idx').on(t.published, t.archivedAt, t.createdAt, t.id),
    index('challenges_tags_idx').using('gin', t.tags),
    check('challenges_xp_range', sql`${t.xp} between 1 and 10000`),
    check('challenges_title_length', sql`char_length(${t.title}) between 1 and 200`),
  ],
);

export const attempts = pgTable(
  'attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'restrict' }),
    status: attemptStatus('status').notNull().default('started'),
    score: integer('score'),
    xpAwarded: integer('xp_awarded'),
    solution: text('solution'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    awardedAt: timestamp('awarded_at', { withTimezone: true }),
    // When live subscribers were told about the award; a retry after a failed publish tells them then.
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    // The player's level before and after this award, so a late announcement can still report a level-up.
    levelBefore: integer('level_before'),
    levelAfter: integer('level_after'),
    // A pass's calendar day in the player's timezone when it was awarded (streaks). Kept so a rebuild
    // counts the same days after the player changes timezone.
    passDay: date('pass_day', { mode: 'string' }),
  },
  (t) => [
    // A player's attempts newest first (the list and progress order by started_at desc, id desc).
    index('attempts_user_started_idx').on(t.userId, t.startedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // Submitted but not yet awarded: a handful of rows at any time (admin stats' "awards pending", the re-send job).
    index('attempts_unawarded_idx').on(t.submittedAt).where(sql`${t.status} <> 'started' and ${t.awardedAt} is null`),
    index('attempts_user_challenge_idx').on(t.userId, t.challengeId, t.status),
    // One open attempt per player and challenge: starting again returns it (POST /attempts' ON CONFLICT).
    uniqueIndex('attempts_one_open_per_challenge').on(t.userId, t.challengeId).where(sql`${t.status} = 'started'`),
    index('attempts_challenge_idx').on(t.challengeId),
    index('attempts_status_idx').on(t.status),
    check('attempts_score_range', sql`${t.score} is null or ${t.score} between 0 and 100`),
    check('attempts_xp_nonnegative', sql`${t.xpAwarded} is null or ${t.xpAwarded} >= 0`),
    check('attempts_solution_size', sql`${t.solution} is null or octet_length(${t.solution}) <= 65536`),
    check(
      'attempts_submitted_has_score',
      sql`${t.status} = 'started' or (${t.score} is not null and ${t.submittedAt} is not null)`,
    ),
  ],
);

/** The XP ledger: one row per awarded attempt. users.total_xp is always the sum of these rows. */
export const xpEvents = pgTable(
  'xp_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    attemptId: uuid('attempt_id').notNull().references(() => attempts.id, { onDelete: 'cascade' }),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'restrict' }),
    xp: integer('xp').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('xp_events_attempt_key').on(t.attemptId),
    index('xp_events_user_created_idx').on(t.userId, t.createdAt),
    index('xp_events_created_idx').on(t.createdAt),
    check('xp_events_xp_nonnegative', sql`${t.xp} >= 0`),
  ],
);

export const badges = pgTable(
  'badges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    condition: jsonb('condition').notNull(),
    iconUrl: text('icon_url'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('badges_name_lower_key').on(sql`lower(${t.name})`)],
);

export const userBadges = pgTable(
  'user_badges',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    badgeId: uuid('badge_id').notNull().references(() => badges.id, { onDelete: 'cascade' }),
    awardedAt: timestamp('awarded_at', { withTimezone: true }).notNull().defaultNow(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.userId, t.badgeId] }), index('user_badges_badge_idx').on(t.badgeId)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash),
    index('refresh_tokens_family_idx').on(t.familyId),
    index('refresh_tokens_user_idx').on(t.userId),
  ],
);

/** Background jobs (e.g. recalc-xp), advanced in batches by the queue consumer. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    status: jobStatus('status').notNull().default('queued'),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    processed: integer('processed').notNull().default(0),
    total: integer('total'),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('jobs_created_idx').on(t.createdAt)],
);

/**
 * What a player's passes add up to, kept by the award (one row per player with a pass) so badges never
 * re-read the player's history. Counts of challenges are of distinct challenges, except passed_attempts.
 */
export const playerStats = pgTable('player_stats', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  passedAttempts: integer('passed_attempts').notNull().default(0),
  distinctChallenges: integer('distinct_challenges').notNull().default(0),
  perfectScores: integer('perfect_scores').notNull().default(0),
  passedByDifficulty: jsonb('passed_by_difficulty').$type<Record<string, number>>().notNull().default({}),
  passedByTag: jsonb('passed_by_tag').$type<Record<string, number>>().notNull().default({}),
  // The run of consecutive pass days that ends on last_pass_day, and the longest run ever.
  currentStreak: integer('current_streak').notNull().default(0),
  longestStreak: integer('longest_streak').notNull().default(0),
  lastPassDay: date('last_pass_day', { mode: 'string' }),
});

/** A player's passes of one challenge: "already paid on it" and "first pass / first 100" are key reads. */
export const playerChallenges = pgTable(
  'player_challenges',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id, { onDelete: 'restrict' }),
    bestScore: integer('best_score').notNull(),
    xpPaid: integer('xp_paid').notNull().default(0),
    firstPassedAt: timestamp('first_passed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.challengeId] }), index('player_challenges_challenge_idx').on(t.challengeId)],
);

/** The distinct days a player passed on (attempts.pass_day): what streaks are counted from. */
export const playerPassDays = pgTable(
  'player_pass_days',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

/**
 * A player's XP in one week or month window (ids of domain/leaderboard-window.ts windowId()), for the
 * leaderboard; all-time is users.total_xp. reached_at is whole seconds, as the Redis score; rows exist
 * only with XP (the ledger never holds negative XP, so a total only grows).
 */
export const playerWindowTotals = pgTable(
  'player_window_totals',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    windowId: text('window_id').notNull(),
    xp: integer('xp').notNull(),
    reachedAt: timestamp('reached_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.windowId, t.userId] }),
    index('player_window_totals_standing_idx').on(t.windowId, t.xp.desc().nullsFirst(), t.reachedAt, t.userId.desc().nullsFirst()),
    index('player_window_totals_user_idx').on(t.userId),
    check('player_window_totals_xp_positive', sql`${t.xp} > 0`),
  ],
);

/**
 * Messages the award queue gave up on (its dead-letter queue's consumer records them), kept until an
 * admin redrives them. One row per message: a redelivered dead letter finds its row and adds nothing.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: text('message_id').notNull(),
    /** The queue the message failed on. */
    queue: text('queue').notNull(),
    body: jsonb('body').notNull(),
    /** Deliveries on the dead-letter queue when it was recorded (the queue does not say how often the award failed). */
    attempts: integer('attempts').notNull(),
    /** When the message was first sent, as the queue reports it. */
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    redrivenAt: timestamp('redriven_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('dead_letters_message_key').on(t.messageId),
    // Ascending: a backward scan serves the listing's `order by received_at desc, id desc`.
    index('dead_letters_received_idx').on(t.receivedAt, t.id),
    index('dead_letters_pending_idx').on(t.receivedAt, t.id).where(sql`${t.redrivenAt} is null`),
  ],
);

// ── Integrations: server API keys, idempotent result reports, external player ids, webhooks ──

export const apiKeyScopes = ['results:write', 'players:read', 'webhooks:manage'] as const;
export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', ['pending', 'succeeded', 'failed']);

/** Server-to-server keys. Only the SHA-256 of the secret is kept (it is 256 random bits: no slow hash needed). */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The secret's first characters (`sq_live_ab12…`), to tell keys apart in a list. */
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull().$type<(typeof apiKeyScopes)[number][]>(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_secret_hash_key').on(t.secretHash), index('api_keys_created_idx').on(t.createdAt, t.id)],
);

/**
 * The first answer to each (key, Idempotency-Key): the primary key decides concurrent retries (one
 * insert wins). `response` is null while the first request is still being processed.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    apiKeyId: uuid('api_key_id').notNull().references(() => apiKeys.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** A player known to an integrating platform by its own user id. */
export const playerExternalIds = pgTable(
  'player_external_ids',
  {
    externalId: text('external_id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('player_external_ids_user_key').on(t.userId)],
);

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    events: text('events').array().notNull(),
    /** `whsec_…`: deliveries are signed with it (Standard Webhooks). */
    secret: text('secret').notNull(),
    /** After a rotation the old secret signs too, until `previous_secret_expires_at`. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** Failed delivery attempts in a row; a success resets it, WEBHOOK_DISABLE_AFTER_FAILURES disables. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_endpoints_created_idx').on(t.createdAt, t.id)],
);

/** One event for one endpoint: unique per (endpoint, event id), so a replayed award adds nothing. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastLatencyMs: integer('last_latency_ms'),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    succeededAt: timestamp('succeeded_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_key').on(t.endpointId, t.eventId),
    index('webhook_deliveries_listing_idx').on(t.endpointId, t.createdAt, t.id),
  ],
);

/** Every HTTP attempt of a delivery: the log an admin reads. The response body is cut to a short excerpt. */
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    ok: boolean('ok').notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    responseExcerpt: text('response_excerpt'),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_delivery_attempts_delivery_idx').on(t.deliveryId, t.id)],
);
/**
 * Open Badges credentials, one per earned badge (user + badge unique): issued once and stored as signed,
 * so their bytes never change. `status_index` is the credential's random bit in its status list.
 */
export const credentials = pgTable(
  'credentials',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    badgeId: uuid('badge_id').notNull().references(() => badges.id, { onDelete: 'restrict' }),
    statusList: integer('status_list').notNull(),
    statusIndex: integer('status_index').notNull(),
    /** The credential with its Data Integrity proof, as served (JSON text, never re-serialised). */
    document: text('document').notNull(),
    /** The same credential as a VC-JWT. */
    jwt: text('jwt').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revocationReason: text('revocation_reason'),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('credentials_user_badge_key').on(t.userId, t.badgeId),
    uniqueIndex('credentials_status_key').on(t.statusList, t.statusIndex),
    index('credentials_revoked_idx').on(t.statusList).where(sql`${t.revokedAt} is not null`),
    check('credentials_status_index_range', sql`${t.statusIndex} between 0 and 131071`),
  ],
);

/**
 * The signed Bitstring Status List credential of each list. A revocation bumps `version`; the document is
 * rebuilt (at once, or by the next read) and stored with the version it was built from.
 */
export const credentialStatusLists = pgTable('credential_status_lists', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull().default(0),
  builtVersion: integer('built_version').notNull().default(-1),
  document: text('document'),
  updatedAt: updatedAt(),
});
