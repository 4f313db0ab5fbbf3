import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();

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
  REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(2_592_000),
  PASS_THRESHOLD: z.coerce.number().int().min(0).max(100).default(70),
  PASSWORD_HASH_PARAMS: z
    .string()
    .regex(/^\d+,\d+,\d+$/, 'PASSWORD_HASH_PARAMS is "m,t,p": Argon2id memory (KiB), passes, lanes')
    .default('19456,2,1'),
  SUBMISSIONS_PER_MINUTE: positiveInt.default(10),
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
});

export type Config = z.infer<typeof configSchema>;

const cache = new WeakMap<object, Config>();

/** Parses the worker's Env once per isolate; a bad deployment fails loudly on the first request. */
export function configFromEnv(env: Env): Config {
  let config = cache.get(env);
  if (!config) {
    const parsed = configSchema.safeParse(env);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid worker configuration: ${fields}`);
    }
    config = parsed.data;
    cache.set(env, config);
  }
  return config;
}
