import type { Context } from 'hono';
import { AppError } from '../../lib/app-error';
import type { AppBindings } from '../../lib/types';
import * as queries from './idempotency.queries';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Answer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * Runs `handle` once per (API key, Idempotency-Key): a retry gets the first answer back, a different
 * request under the same key is a 409, and so is a retry while the first is still running (Retry-After).
 * Only answers are kept: a request that fails releases its key, so its retry runs for real.
 */
export async function idempotent<T>(
  c: Context<AppBindings>,
  key: string | undefined,
  request: unknown,
  handle: () => Promise<{ status: number; body: T }>,
): Promise<Answer<T>> {
  if (key === undefined) return { ...(await handle()), replayed: false };
  const { db } = c.var.services;
  const apiKeyId = c.var.apiKey.id;
  const requestHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${JSON.stringify(request)}`);

  if (!(await queries.claimIdempotencyKey(db, apiKeyId, key, requestHash))) {
    const first = await queries.findIdempotencyKey(db, apiKeyId, key);
    if (first && first.requestHash !== requestHash) {
      throw new AppError({ code: 'conflict', message: 'This Idempotency-Key was already used with a different request', details: { idempotency_key: key } });
    }
    if (first?.statusCode != null) return { status: first.statusCode, body: first.response as T, replayed: true };
    throw new AppError({
      code: 'conflict',
      message: 'A request with this Idempotency-Key is still being processed; retry shortly',
      details: { idempotency_key: key },
      headers: { 'Retry-After': '1' },
    });
  }
  try {
    const answer = await handle();
    await queries.storeAnswer(db, apiKeyId, key, answer.status, answer.body);
    return { ...answer, replayed: false };
  } catch (err) {
    await queries.releaseClaim(db, apiKeyId, key).catch(() => {});
    throw err;
  }
}
