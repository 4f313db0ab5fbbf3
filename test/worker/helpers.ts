import { env, exports } from 'cloudflare:workers';
import { afterAll, beforeAll, expect } from 'vitest';
import { signAccessToken } from '../../src/auth/access-token';
import { createDb, type DbHandle } from '../../src/db/client';
import { users } from '../../src/db/schema';
import { hashPassword, parsePasswordParams } from '../../src/auth/password';
import { configFromEnv } from '../../src/lib/config';

export const config = configFromEnv(env);
export const BASE = 'http://sq.test';

let counter = 0;
/** A name no other test (or earlier run) has used: tests share one throwaway database. */
export function unique(prefix = 'u'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

export interface ApiOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the worker's own fetch handler, as a client on the internet would. */
export async function api(method: string, path: string, { token, body, headers = {} }: ApiOptions = {}) {
  const init: RequestInit = { method, headers: { ...headers } };
  const h = init.headers as Record<string, string>;
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    h['Content-Type'] ??= 'application/json';
  }
  const res = await exports.default.fetch(new Request(`${BASE}${path}`, init));
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, headers: res.headers, text, json: json as any };
}

/** A db handle through the production driver and the gateway; close it in afterAll. */
export function openDb(): DbHandle {
  return createDb(config);
}

export interface TestUser {
  id: string;
  username: string;
  email: string;
  password: string;
  role: 'player' | 'admin';
  token: string;
}

/** Inserts a user straight into Postgres and signs an access token for it. */
export async function createUser(handle: DbHandle, role: 'player' | 'admin' = 'player', timezone = 'UTC'): Promise<TestUser> {
  const username = unique(role === 'admin' ? 'adm' : 'ply');
  const password = `pw-${username}`;
  const passwordHash = await hashPassword(password, parsePasswordParams(config.PASSWORD_HASH_PARAMS));
  const [row] = await handle.db
    .insert(users)
    .values({ username, email: `${username}@example.test`, passwordHash, role, timezone })
    .returning({ id: users.id });
  if (!row) throw new Error('user insert returned nothing');
  const token = await signAccessToken(config, { id: row.id, role });
  return { id: row.id, username, email: `${username}@example.test`, password, role, token };
}

export interface AdminAndPlayer {
  handle: DbHandle;
  admin: TestUser;
  player: TestUser;
}

/**
 * The setup most resource tests start from: a db handle (closed after the file) and one admin and
 * one player, created before the file's first test. Read `admin` and `player` inside tests and hooks.
 */
export function useAdminAndPlayer(): AdminAndPlayer {
  const accounts = { handle: openDb() } as AdminAndPlayer;
  beforeAll(async () => {
    accounts.admin = await createUser(accounts.handle, 'admin');
    accounts.player = await createUser(accounts.handle, 'player');
  });
  afterAll(() => accounts.handle.close());
  return accounts;
}

/** The one error code of each status (product.md): a 404 is always `not_found`, and so on. */
const CODE_OF_STATUS = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 422: 'validation_failed' } as const;

/** Asserts an error response's status and the code that goes with it; returns the error for further checks. */
export function expectError(response: { status: number; text: string; json: unknown }, status: keyof typeof CODE_OF_STATUS) {
  expect(response.status, response.text).toBe(status);
  const error = errorOf(response);
  expect(error.code).toBe(CODE_OF_STATUS[status]);
  return error;
}

/** Asserts the error shape of product.md and returns the error for further checks. */
export function errorOf(response: { json: unknown }): { code: string; message: string; details?: unknown; request_id: string } {
  const body = response.json as { error?: { code: string; message: string; details?: unknown; request_id: string } };
  if (!body?.error || typeof body.error.code !== 'string' || typeof body.error.request_id !== 'string') {
    throw new Error(`not the error shape: ${JSON.stringify(response.json)}`);
  }
  return body.error;
}
