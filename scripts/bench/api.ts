/** A thin HTTP client for the API under test: JSON in, JSON out, non-2xx is an error. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export class Api {
  constructor(readonly baseUrl: string) {}

  async call(method: string, path: string, { body, token, headers }: { body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<Json> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as Json) : {};
  }

  get(path: string, token?: string) {
    return this.call('GET', path, { token });
  }
}

export interface Player {
  id: string;
  username: string;
  token: string;
}

export const PLAYER_PASSWORD = 'bench-password-1';

/** Registers and logs in `count` players through the API, `concurrency` at a time. */
export async function createPlayers(api: Api, label: string, count: number, concurrency = 8): Promise<Player[]> {
  const run = `${label}_${Date.now().toString(36)}`;
  return mapConcurrent(Array.from({ length: count }, (_, i) => i), concurrency, async (i) => {
    const username = `${run}_${i}`;
    const ip = { 'CF-Connecting-IP': `10.9.${i >> 8}.${i & 255}` };
    const registered = await api.call('POST', '/auth/register', { body: { username, email: `${username}@bench.test`, password: PLAYER_PASSWORD }, headers: ip });
    const tokens = await api.call('POST', '/auth/login', { body: { username, password: PLAYER_PASSWORD }, headers: ip });
    return { id: registered.id as string, username, token: tokens.access_token as string };
  });
}

export interface StartedAttempt {
  id: string;
  player: Player;
  challengeId: string;
}

/** Starts one attempt per (player, challenge) pair through POST /attempts. */
export function startAttempts(api: Api, pairs: { player: Player; challengeId: string }[], concurrency = 10): Promise<StartedAttempt[]> {
  return mapConcurrent(pairs, concurrency, async ({ player, challengeId }) => {
    const attempt = await api.call('POST', '/attempts', { body: { challenge_id: challengeId }, token: player.token });
    return { id: attempt.id as string, player, challengeId };
  });
}

/** Like Promise.all(items.map(fn)) with at most `concurrency` calls in flight; keeps the order. */
export async function mapConcurrent<T, R>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]!, index);
      }
    }),
  );
  return results;
}
