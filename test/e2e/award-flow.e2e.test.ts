import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('e2eBaseUrl');

async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the seed’s flow through wrangler dev (real queue, Postgres, Redis)', () => {
  it('register → login → start → submit, then XP, level, badge and leaderboard show the award', async () => {
    const username = `e2e_${Date.now().toString(36)}`;
    const password = 'e2e-password-123';
    const registered = await call('POST', '/auth/register', { username, email: `${username}@example.test`, password });
    expect(registered.status).toBe(201);

    const login = await call('POST', '/auth/login', { username, password });
    expect(login.status).toBe(200);
    const token = login.json.access_token as string;
    const me = await call('GET', '/auth/me', undefined, token);
    const userId = me.json.id as string;

    const catalog = await call('GET', '/challenges?difficulty=hard&limit=50');
    const challenge = (catalog.json.items as { id: string; xp: number; title: string }[]).find((c) => c.title === 'Dijkstra Shortest Path');
    expect(challenge).toBeDefined();

    const attempt = await call('POST', '/attempts', { challenge_id: challenge!.id }, token);
    expect(attempt.status).toBe(201);
    const submitted = await call('POST', `/attempts/${attempt.json.id}/submit`, { score: 100, solution: 'heap + relax' }, token);
    expect(submitted.status).toBe(202);
    expect(submitted.json.xp_awarded).toBeNull();

    // The local queue consumer of wrangler dev delivers the award within a few seconds.
    const progress = await until('the award', async () => {
      const p = await call('GET', `/users/${userId}/progress`);
      return p.json.total_xp > 0 ? p.json : undefined;
    });
    expect(progress.total_xp).toBe(500); // Dijkstra: 500 XP × 100 / 100
    expect(progress.level).toBe(3); // floor(sqrt(500 / 100)) + 1
    expect(progress.badges.map((b: { name: string }) => b.name)).toEqual(expect.arrayContaining(['First Steps', 'Query Master']));
    expect(progress.rank).toBeGreaterThanOrEqual(1);

    const board = await call('GET', '/leaderboard?limit=100');
    expect(board.json.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ user_id: userId, username, total_xp: 500, level: 3 })]),
    );
    const attemptAfter = await call('GET', `/attempts/${attempt.json.id}`, undefined, token);
    expect(attemptAfter.json).toMatchObject({ status: 'passed', xp_awarded: 500 });
  }, 60_000);
});
