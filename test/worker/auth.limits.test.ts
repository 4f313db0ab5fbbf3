import { describe, expect, it } from 'vitest';
import { loginJson, randomIp, registerUser } from './auth-helpers';
import { apiWithEnv } from './env-helpers';
import { config, errorOf, unique } from './helpers';

// Nothing listens on port 1: a Postgres that a login over its limit must never reach.
const DEAD_POSTGRES: Partial<Env> = { NEON_WS_PROXY: '127.0.0.1:1/v2' };

function expect429(res: Awaited<ReturnType<typeof loginJson>>) {
  expect(res.status, res.text).toBe(429);
  expect(errorOf(res).code).toBe('rate_limited');
  expect(Number(res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
}

describe('login limits that no choice of username escapes', () => {
  it(`refuses logins from one IP over LOGINS_PER_IP_PER_MINUTE (${config.LOGINS_PER_IP_PER_MINUTE}), each with another unknown username, before any lookup`, async () => {
    const ip = randomIp();
    for (let i = 0; i < config.LOGINS_PER_IP_PER_MINUTE; i += 1) {
      expect((await loginJson(unique('nobody'), 'a guessed password', ip)).status).toBe(401);
    }
    expect429(await loginJson(unique('nobody'), 'a guessed password', ip));
    // Refused before the user lookup (so before the hash): with Postgres unreachable it is still a 429, not a 503.
    const body = JSON.stringify({ username: unique('nobody'), password: 'a guessed password' });
    const init = { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip } };
    expect429(await apiWithEnv(DEAD_POSTGRES, '/auth/login', init));
    // Another address still logs in.
    const user = await registerUser();
    expect((await loginJson(user.username, user.password, randomIp())).status).toBe(200);
  });

  it(`refuses logins of one account over LOGINS_PER_ACCOUNT_PER_HOUR (${config.LOGINS_PER_ACCOUNT_PER_HOUR}) spread over many IPs, by username or email`, async () => {
    const user = await registerUser();
    for (let i = 0; i < config.LOGINS_PER_ACCOUNT_PER_HOUR; i += 1) {
      // Every attempt from a fresh address, alternating the two names of the one account.
      const name = i % 2 === 0 ? user.username.toUpperCase() : user.email;
      expect((await loginJson(name, 'a guessed password', randomIp())).status).toBe(401);
    }
    expect429(await loginJson(user.username, user.password, randomIp()));
  });

  it('a non-ASCII look-alike of a username or email (İ) never logs in and gets no budget of its own', async () => {
    const name = unique('kim');
    const user = await registerUser({ username: name, email: `${name}@example.test` });
    const ip = randomIp();
    for (let i = 0; i < config.LOGINS_PER_MINUTE; i += 1) {
      expect((await loginJson(user.username, 'a guessed password', ip)).status).toBe(401);
    }
    expect429(await loginJson(user.username, user.password, ip));
    const wrongPassword = errorOf(await loginJson(unique('nobody'), 'a guessed password')).message;
    // JavaScript lower-cases "İ" to "i̇", Postgres to "i": the same account under a name the limiter counts apart.
    for (const lookAlike of [user.username.replace('i', 'İ'), user.email.replace('i', 'İ')]) {
      for (const from of [ip, randomIp()]) {
        const res = await loginJson(lookAlike, user.password, from);
        expect(res.status, `${lookAlike} from ${from}: ${res.text}`).toBe(401);
        expect(errorOf(res).message).toBe(wrongPassword);
      }
    }
  });
});
