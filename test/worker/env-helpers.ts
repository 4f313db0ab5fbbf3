import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/index';
import { HUB_NAME } from '../../src/services/hub';
import { BASE } from './helpers';

/** Nothing listens on port 1: a real, unreachable Redis, failing the way it would in production. */
export const DEAD_REDIS: Partial<Env> = { UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:1' };

/** Calls the worker with some bindings replaced (a dead service, a private Redis key prefix). */
export async function apiWithEnv(overrides: Partial<Env>, path: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${path}`, init), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined; // not JSON (e.g. the Swagger UI page)
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, headers: res.headers, text, json: json as any };
}

/**
 * Runs `fn` while the one LeaderboardHub reads some of its bindings replaced: the hub reads its
 * settings (the subscriber cap) from its own env, which apiWithEnv() does not reach.
 */
export async function withHubEnv<T>(overrides: Partial<Env>, fn: () => Promise<T>): Promise<T> {
  const hub = env.LEADERBOARD_HUB.get(env.LEADERBOARD_HUB.idFromName(HUB_NAME));
  type WithEnv = { env: Env };
  let original: Env | undefined;
  await runInDurableObject(hub, (instance) => {
    original = (instance as unknown as WithEnv).env;
    (instance as unknown as WithEnv).env = { ...original, ...overrides };
  });
  try {
    return await fn();
  } finally {
    await runInDurableObject(hub, (instance) => {
      (instance as unknown as WithEnv).env = original!;
    });
  }
}
