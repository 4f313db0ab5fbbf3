import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { refreshTokens } from '../../src/db/schema';
import { loginJson, refreshWith, registerUser, tokensOf, type Registered } from './auth-helpers';
import { api, config, openDb } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

const CHAINS = 4;
const TRIALS = 5;
/** Refreshes each chain may still try once the revocation has answered (a surviving chain goes on). */
const AFTERWARDS = 3;

interface Chain {
  newest: string;
  refreshes: number;
  refused: boolean;
}

/**
 * A session that keeps refreshing with its newest token, as a busy client does, until it is refused
 * or `stop()` says so. Counts its refreshes, so the revocation can wait until every chain is busy.
 */
function refreshLoop(chain: Chain, stop: () => boolean): Promise<void> {
  return (async () => {
    while (!stop() && !chain.refused) {
      const res = await refreshWith(chain.newest);
      if (res.status !== 200) {
        chain.refused = true;
        break;
      }
      chain.newest = res.json.refresh_token;
      chain.refreshes += 1;
    }
  })();
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * Runs `chains` refresh loops, calls `revoke` once each has refreshed twice (so rotations are in
 * flight), lets each loop try a few more times, and answers the newest token of every chain.
 */
async function raceRevocation(starts: string[], revoke: () => Promise<void>): Promise<string[]> {
  const chains: Chain[] = starts.map((newest) => ({ newest, refreshes: 0, refused: false }));
  const refreshesAtRevocation: number[] = [];
  const loops = chains.map((chain, i) => {
    const stop = () => refreshesAtRevocation[i] !== undefined && chain.refreshes >= refreshesAtRevocation[i] + AFTERWARDS;
    return refreshLoop(chain, stop);
  });
  await until(() => chains.every((chain) => chain.refreshes >= 2));
  await revoke();
  chains.forEach((chain, i) => (refreshesAtRevocation[i] = chain.refreshes));
  await Promise.all(loops);
  return chains.map((chain) => chain.newest);
}

async function liveTokens(userId: string) {
  return handle.db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt), isNull(refreshTokens.usedAt)));
}

async function refusedEverywhere(user: Registered, newest: string[]) {
  for (const token of newest) {
    const res = await refreshWith(token);
    expect(res.status, "a refresh token issued around the revocation still works").toBe(401);
  }
  expect(await liveTokens(user.id), 'refresh tokens left unrevoked').toEqual([]);
}

describe('revocation while sessions are refreshing', () => {
  it(`a password change ends ${CHAINS} sessions that refresh concurrently (${TRIALS} trials)`, async () => {
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const user = await registerUser();
      const sessions = await Promise.all(Array.from({ length: CHAINS }, () => tokensOf(user)));
      const newest = await raceRevocation(
        sessions.map((s) => s.refresh_token),
        async () => {
          const res = await api('PATCH', '/auth/me', {
            token: sessions[0]!.access_token,
            body: { password: `new-${user.password}`, current_password: user.password },
          });
          expect(res.status, res.text).toBe(200);
        },
      );
      await refusedEverywhere(user, newest);
    }
  });

  it(`a login with the old password racing the change leaves no session behind (${TRIALS} trials)`, async () => {
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const user = await registerUser();
      const { access_token } = await tokensOf(user);
      let changed = false;
      const logins = (async () => {
        for (let i = 0; !changed && i < 50; i += 1) await loginJson(user.username, user.password);
      })();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const res = await api('PATCH', '/auth/me', {
        token: access_token,
        body: { password: `new-${user.password}`, current_password: user.password },
      });
      expect(res.status, res.text).toBe(200);
      changed = true;
      await logins;
      expect(await liveTokens(user.id), 'a login with the old password outlived the change').toEqual([]);
    }
  });

  it(`logout ends its family while that family is refreshing (${TRIALS} trials, ${CHAINS} families each)`, async () => {
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const user = await registerUser();
      const sessions = await Promise.all(Array.from({ length: CHAINS }, () => tokensOf(user)));
      // Each family is logged out with its first (long spent) token while its newest one rotates.
      const newest = await raceRevocation(
        sessions.map((s) => s.refresh_token),
        async () => {
          const outs = await Promise.all(sessions.map((s) => api('POST', '/auth/logout', { body: { refresh_token: s.refresh_token } })));
          expect(outs.map((o) => o.status)).toEqual(sessions.map(() => 204));
        },
      );
      await refusedEverywhere(user, newest);
    }
  });
});

describe('a session has an absolute lifetime (REFRESH_FAMILY_MAX_AGE_SECONDS) besides the sliding one', () => {
  const maxAgeMs = config.REFRESH_FAMILY_MAX_AGE_SECONDS * 1000;

  /** Moves a family's login back in time, as if it had been refreshing ever since. */
  async function backdateFamily(userId: string, byMs: number) {
    await handle.db
      .update(refreshTokens)
      .set({ createdAt: sql`${refreshTokens.createdAt} - make_interval(secs => ${byMs / 1000})` })
      .where(eq(refreshTokens.userId, userId));
  }

  it('refuses a refresh once the login is older than the maximum age', async () => {
    const user = await registerUser();
    const { refresh_token } = await tokensOf(user);
    await backdateFamily(user.id, maxAgeMs + 60_000);
    const res = await refreshWith(refresh_token);
    expect(res.status, res.text).toBe(401);
  });

  it('counts each family from its own login: an expired family elsewhere ends no other session', async () => {
    const old = await registerUser();
    await tokensOf(old);
    await backdateFamily(old.id, maxAgeMs + 60_000);
    const user = await registerUser();
    const first = await tokensOf(user);
    const second = await refreshWith(first.refresh_token);
    expect(second.status, second.text).toBe(200);
    expect((await refreshWith(second.json.refresh_token)).status).toBe(200);
  });

  it('issues no successor that outlives the family', async () => {
    const user = await registerUser();
    const { refresh_token } = await tokensOf(user);
    const leftMs = 24 * 3600 * 1000; // one day of the family's lifetime left: less than a token's TTL
    expect(config.REFRESH_TOKEN_TTL_SECONDS * 1000).toBeGreaterThan(leftMs);
    await backdateFamily(user.id, maxAgeMs - leftMs);
    const res = await refreshWith(refresh_token);
    expect(res.status, res.text).toBe(200);
    const [successor] = await handle.db
      .select({ expiresAt: refreshTokens.expiresAt })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.userId, user.id), isNull(refreshTokens.usedAt)));
    expect(successor!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + leftMs + 60_000);
  });
});
