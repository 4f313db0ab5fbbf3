import { z } from 'zod';
import { log } from './logger';

const positiveInt = z.coerce.number().int().positive();
const seconds = z.coerce.number().int().min(0).max(86_400);
/** Each socket keeps the times of its recent subscribes in its attachment (at most 2 KB). */
const MAX_SUBSCRIBES_PER_SECOND = 50;

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

const multikeyList = /^(z6Mk[1-9A-HJ-NP-Za-km-z]{43,45})?(,z6Mk[1-9A-HJ-NP-Za-km-z]{43,45})*$/;

/** Open Badges credentials (README "Badges as verifiable credentials"): off while CREDENTIAL_SIGNING_KEY is empty. */
const credentialSettings = {
  /** Secret: the issuer's Ed25519 key, a Multikey `secretKeyMultibase` (z3u2…) from `npm run credentials:keygen`. */
  CREDENTIAL_SIGNING_KEY: z.union([z.literal(''), z.string().regex(/^z3u2[1-9A-HJ-NP-Za-km-z]{43,45}$/, 'is a Multikey secretKeyMultibase (z3u2…); run npm run credentials:keygen')]).default(''),
  /** Public keys (z6Mk…, comma-separated) of earlier signing keys: kept in the DID document so old credentials verify. */
  CREDENTIAL_PREVIOUS_PUBLIC_KEYS: z.string().default('').transform((list) => list.replace(/\s+/g, ''))
    .refine((list) => multikeyList.test(list), 'is a comma-separated list of Ed25519 Multikey public keys (z6Mk…)')
    .transform((list) => list.split(',').filter(Boolean)),
  CREDENTIAL_ISSUER_NAME: z.string().min(1).max(200).default('SkillQuest'),
  /** The issuer's home page; empty: PUBLIC_BASE_URL. */
  CREDENTIAL_ISSUER_URL: z.union([z.literal(''), z.url()]).default(''),
  /** The issuer's logo; empty: none. */
  CREDENTIAL_ISSUER_IMAGE: z.union([z.literal(''), z.url()]).default(''),
  CREDENTIAL_ISSUER_EMAIL: z.union([z.literal(''), z.email()]).default(''),
};

const configSchema = z.object({
  APP_ENV: z.enum(['development', 'test', 'production']).default('production'),
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required'),
  NEON_WS_PROXY: z.string().default(''),
  UPSTASH_REDIS_REST_URL: z.string().url(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
  JWT_ISSUER: z.string().min(1),
  JWT_AUDIENCE: z.string().min(1),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
  /** Sliding: each refresh token lives this long, and each rotation issues a new one. */
  REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(2_592_000),
  /** Absolute: a login's session (its refresh family) ends this long after the login, however it refreshes. */
  REFRESH_FAMILY_MAX_AGE_SECONDS: positiveInt.default(7_776_000),
  PASS_THRESHOLD: z.coerce.number().int().min(0).max(100).default(70),
  PASSWORD_HASH_PARAMS: z
    .string()
    .regex(/^\d+,\d+,\d+$/, 'PASSWORD_HASH_PARAMS is "m,t,p": Argon2id memory (KiB), passes, lanes')
    .default('19456,2,1'),
  SUBMISSIONS_PER_MINUTE: positiveInt.default(10),
  STARTS_PER_MINUTE: positiveInt.default(30),
  /** The cron re-sends the award of a submission still unawarded this long after it was made (its message was lost). */
  AWARD_RESEND_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Per username (the resolved account when it exists) and client IP. */
  LOGINS_PER_MINUTE: positiveInt.default(5),
  /** Per client IP whatever the username: checked before the lookup and the password hash. */
  LOGINS_PER_IP_PER_MINUTE: positiveInt.default(30),
  /** Per account from every IP: slows guessing spread over many addresses. */
  LOGINS_PER_ACCOUNT_PER_HOUR: positiveInt.default(30),
  REGISTRATIONS_PER_HOUR: positiveInt.default(20),
  METRICS_TOKEN: z.string().default(''),
  REDIS_KEY_PREFIX: z.string().default('sq'),
  /** Open live-leaderboard sockets the one hub accepts; past it, GET /leaderboard/live is a 503. */
  LIVE_MAX_SUBSCRIBERS: positiveInt.default(10_000),
  /** Open live sockets from one client address (an IPv6 /64 counts as one); past it, GET /leaderboard/live is a 429. */
  LIVE_MAX_SOCKETS_PER_CLIENT: positiveInt.default(20),
  /** `subscribe` messages one socket may send in any second; each one past it is an error and a strike. */
  LIVE_SUBSCRIBES_PER_SECOND: z.coerce.number().int().min(1).max(MAX_SUBSCRIBES_PER_SECOND).default(2),
  /** Seconds anonymous GET /leaderboard answers are reused at the edge (caches.default); 0 = off. */
  EDGE_CACHE_LEADERBOARD_SECONDS: seconds.default(5),
  /** Seconds anonymous GET /challenges and /challenges/{id} answers are reused at the edge; 0 = off. */
  EDGE_CACHE_CHALLENGES_SECONDS: seconds.default(60),
  /** Web origins allowed to call the API from a browser (comma-separated); none when empty. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean))
    .refine((origins) => origins.every(isOrigin), 'CORS_ORIGINS is a comma-separated list of origins like https://app.example.com'),
  /** Where clients reach the API, for `servers` in /openapi.json; empty: relative to the document. */
  PUBLIC_BASE_URL: z.union([z.literal(''), z.url()]).default('').transform((url) => url.replace(/\/+$/, '')),
  /** Serve Swagger UI at /docs. */
  DOCS_ENABLED: z.stringbool().default(true),
  /** Count every request in Redis for /metrics (http_requests_total, http_request_duration_seconds): one background Redis request each. */
  HTTP_METRICS_ENABLED: z.stringbool().default(true),
  /** Players may submit their own scores (the demo flow); off: only an API key (POST /results) puts a score on the ledger. */
  SELF_REPORTED_SCORES: z.stringbool().default(true),
  /** Requests one API key may make per minute (a token bucket per key). */
  API_KEY_REQUESTS_PER_MINUTE: positiveInt.default(600),
  /** Seconds before each retry of a failed webhook delivery (comma-separated); the default spans about a day. */
  WEBHOOK_RETRY_SCHEDULE_SECONDS: z
    .string()
    .default('5,300,1800,7200,18000,36000,36000')
    .transform((list) => list.split(',').map((s) => Number(s.trim())))
    .refine((delays) => delays.every((d) => Number.isInteger(d) && d >= 0 && d <= 43_200), 'WEBHOOK_RETRY_SCHEDULE_SECONDS is a comma-separated list of whole seconds, each at most 43200'),
  /** Failed delivery attempts in a row after which an endpoint is disabled (with the reason shown to admins). */
  WEBHOOK_DISABLE_AFTER_FAILURES: positiveInt.default(30),
  /** How long one webhook delivery may take before it counts as failed. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5_000),
  /** `leaderboard.rank_changed` is sent when a player enters or leaves the all-time top N. */
  WEBHOOK_TOP_N: z.coerce.number().int().min(1).max(100).default(10),
  ...credentialSettings,
}).superRefine(refusePublishedSecrets);

/** Secrets published in this repository (.dev.vars.example, the test config): fine locally, never in production. */
const PUBLISHED_SECRETS = new Set([
  'local-dev-secret-change-me-0123456789abcdef',
  'test-secret-for-vitest-only-0123456789abcdef',
  'local-metrics-token',
  'test-metrics-token',
  'z3u2YvpASRrBTCJhMaDUKGuarcg2SUTbjgcC841CUB59BaYw',
  'z3u2WVqJb2szaqpwLiUAUrznzBy3jHnoinYG8boTxtXsRdUp',
]);

type SecretName = 'JWT_SECRET' | 'METRICS_TOKEN' | 'CREDENTIAL_SIGNING_KEY';

function refusePublishedSecrets(config: { APP_ENV: string } & Record<SecretName, string>, ctx: z.RefinementCtx) {
  if (config.APP_ENV !== 'production') return;
  for (const name of ['JWT_SECRET', 'METRICS_TOKEN', 'CREDENTIAL_SIGNING_KEY'] as const) {
    if (PUBLISHED_SECRETS.has(config[name])) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'is an example value published in this repository; set a secret of your own' });
    }
  }
}

export type Config = z.infer<typeof configSchema>;

/** The deployment's configuration is unusable: the worker answers 503 until it is fixed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const cache = new WeakMap<object, Config | ConfigError>();

/**
 * Parses the worker's Env once per isolate. A bad deployment is logged once (`config_invalid`, naming
 * each field) and every later call throws the same ConfigError.
 */
export function configFromEnv(env: Env): Config {
  let config = cache.get(env);
  if (!config) {
    const parsed = configSchema.safeParse(env);
    if (parsed.success) {
      config = parsed.data;
    } else {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      config = new ConfigError(`Invalid worker configuration: ${fields}`);
      log.error('config_invalid', { error_message: config.message });
    }
    cache.set(env, config);
  }
  if (config instanceof ConfigError) throw config;
  return config;
}
