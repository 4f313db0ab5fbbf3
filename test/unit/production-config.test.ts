import { unstable_readConfig } from 'wrangler';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../src/lib/config';

/**
 * wrangler.toml's [env.production] (what `npm run deploy` ships): a named environment inherits no vars,
 * queues or Durable Object bindings, so they are written twice; this keeps the two copies in step.
 */
const top = unstable_readConfig({ config: 'wrangler.toml' });
const production = unstable_readConfig({ config: 'wrangler.toml', env: 'production' });

/** The secrets `wrangler secret put` gives a deployment (METRICS_TOKEN is optional). */
const ownSecrets = () => ({
  DATABASE_URL: 'postgresql://skillquest_app:pw@ep-example-pooler.eu-central-1.aws.neon.tech/neondb?sslmode=require',
  UPSTASH_REDIS_REST_URL: 'https://example.upstash.io',
  UPSTASH_REDIS_REST_TOKEN: 'token',
  JWT_SECRET: 'a-secret-of-our-own-that-is-long-enough-0123',
});

/** The vars production sets otherwise than local development, on purpose. */
const PRODUCTION_ONLY = { APP_ENV: 'production', JWT_ISSUER: 'skillquest-edge-production', CORS_ORIGINS: '' };

describe('wrangler.toml [env.production]', () => {
  it('sets every var of the top level, to the same value except the production-only ones', () => {
    expect(Object.keys(production.vars).sort()).toEqual(Object.keys(top.vars).sort());
    expect(production.vars).toEqual({ ...top.vars, ...PRODUCTION_ONLY });
    expect(production.vars).toMatchObject({ NEON_WS_PROXY: '', PUBLIC_BASE_URL: '' });
  });

  it('binds the same queues (consumer with its dead-letter queue) and Durable Object, and keeps the migrations', () => {
    expect(production.queues).toEqual(top.queues);
    expect(production.queues.consumers?.[0]).toMatchObject({ queue: 'awards', dead_letter_queue: 'awards-dlq' });
    expect(production.durable_objects).toEqual(top.durable_objects);
    expect(production.migrations).toEqual(top.migrations);
    expect(production.name).toBe('skillquest-edge-production');
  });

  it('is a configuration the worker serves with, given secrets of its own, and refuses with the published examples', () => {
    const secrets = ownSecrets();
    expect(configFromEnv({ ...production.vars, ...secrets } as unknown as Env).APP_ENV).toBe('production');
    const published = { ...production.vars, ...secrets, JWT_SECRET: 'local-dev-secret-change-me-0123456789abcdef' } as unknown as Env;
    expect(() => configFromEnv(published)).toThrow(/JWT_SECRET/);
  });

  it.each([
    ['the development key of .dev.vars.example', 'z3u2YvpASRrBTCJhMaDUKGuarcg2SUTbjgcC841CUB59BaYw'],
    ['the tests’ key', 'z3u2WVqJb2szaqpwLiUAUrznzBy3jHnoinYG8boTxtXsRdUp'],
  ])('refuses %s as CREDENTIAL_SIGNING_KEY, and serves without one (credentials off) or with a key of its own', (_, key) => {
    const env = { ...production.vars, ...ownSecrets() } as Record<string, unknown>;
    expect(() => configFromEnv({ ...env, CREDENTIAL_SIGNING_KEY: key } as unknown as Env)).toThrow(/CREDENTIAL_SIGNING_KEY/);
    expect(configFromEnv(env as unknown as Env).CREDENTIAL_SIGNING_KEY).toBe('');
    const own = 'z3u2fbg1C3VZg6grHcqTxnZMBQm55EHJ7b5xFtuV2eNR2mvp';
    expect(configFromEnv({ ...env, CREDENTIAL_SIGNING_KEY: own } as unknown as Env).CREDENTIAL_SIGNING_KEY).toBe(own);
  });

  it.each(['DATABASE_URL', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'JWT_SECRET'])('refuses to serve without the secret %s', (name) => {
    const secrets: Record<string, string> = ownSecrets();
    delete secrets[name];
    expect(() => configFromEnv({ ...production.vars, ...secrets } as unknown as Env)).toThrow(name);
  });
});
