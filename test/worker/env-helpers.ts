import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/index';

/** Nothing listens on port 1: a real, unreachable Redis, failing the way it would in production. */
export const DEAD_REDIS: Partial<Env> = { UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:1' };

/** Calls the worker with some bindings replaced (a dead service, a private Redis key prefix). */
export async function apiWithEnv(overrides: Partial<Env>, path: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://sq.test${path}`, init), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, headers: res.headers, text, json: (text ? JSON.parse(text) : undefined) as any };
}
