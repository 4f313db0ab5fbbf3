import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, describe, expect, it } from 'vitest';
import { DURATION_BUCKETS } from '../../src/services/http-metrics';
import { createChallenge, deliver, submitAttempt } from './award-helpers';
import { apiWithEnv, DEAD_REDIS } from './env-helpers';
import { gameTruth, type GameTruth } from './game-truth';
import { api, config, createUser, openDb, unique } from './helpers';
import { inQuietWindow } from './quiet-window';

const handle = openDb();
afterAll(() => handle.close());

interface Family {
  name: string;
  type: string;
  metrics: { value: string; labels?: Record<string, string> }[];
}

describe('GET /metrics', () => {
  it('is Prometheus text that a Prometheus parser reads, with the game’s counters and gauges', async () => {
    const res = await api('GET', '/metrics', { token: config.METRICS_TOKEN });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/plain; version=0.0.4');
    const families = parsePrometheusTextFormat(res.text) as Family[];
    const byName = new Map(families.map((f) => [f.name, f]));
    for (const name of ['skillquest_players', 'skillquest_attempts', 'skillquest_xp_awarded_total', 'skillquest_badges_awarded_total', 'skillquest_awards_pending']) {
      expect(byName.has(name), name).toBe(true);
    }
    expect(byName.get('skillquest_xp_awarded_total')?.type).toBe('COUNTER');
    const statuses = byName.get('skillquest_attempts')?.metrics.map((m) => m.labels?.status).sort();
    expect(statuses).toEqual(['failed', 'passed', 'started']);
    for (const family of families.filter((f) => f.type !== 'HISTOGRAM')) {
      for (const m of family.metrics) expect(Number.isFinite(Number(m.value)), family.name).toBe(true);
    }
    expect(byName.get('http_requests_total')?.type).toBe('COUNTER');
    expect(byName.get('http_request_duration_seconds')?.type).toBe('HISTOGRAM');
  });

  it('the values are the numbers in the tables (players, attempts by status, XP, badges, backlog, challenges, jobs)', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 30 });
    await deliver({ type: 'award', attemptId: await submitAttempt(player.token, challenge.id, 100) });

    const scrape = async (): Promise<Omit<GameTruth, 'newPlayersToday'>> => {
      const res = await api('GET', '/metrics', { token: config.METRICS_TOKEN });
      expect(res.status).toBe(200);
      const byName = new Map((parsePrometheusTextFormat(res.text) as Family[]).map((f) => [f.name, f.metrics]));
      const value = (name: string) => Number(byName.get(name)?.[0]?.value);
      const byLabel = (name: string, label: string) =>
        Object.fromEntries((byName.get(name) ?? []).map((m) => [m.labels?.[label] ?? '', Number(m.value)]));
      return {
        players: value('skillquest_players'),
        attempts: byLabel('skillquest_attempts', 'status') as GameTruth['attempts'],
        awardsPending: value('skillquest_awards_pending'),
        xpAwarded: value('skillquest_xp_awarded_total'),
        badgesAwarded: value('skillquest_badges_awarded_total'),
        challenges: byLabel('skillquest_challenges', 'state') as GameTruth['challenges'],
        jobs: byLabel('skillquest_jobs', 'status') as GameTruth['jobs'],
      };
    };
    const truth = async () => {
      const { newPlayersToday: _, ...rest } = await gameTruth(handle);
      return rest;
    };
    const reading = await inQuietWindow(truth, scrape);
    if (reading.quiet) expect(reading.answer).toEqual(reading.after);
    else expect([reading.before.players <= reading.answer.players, reading.answer.players <= reading.after.players]).toEqual([true, true]);
    expect(reading.answer.xpAwarded).toBeGreaterThanOrEqual(30);
  });

  it('accepts an admin access token too', async () => {
    const admin = await createUser(handle, 'admin');
    expect((await api('GET', '/metrics', { token: admin.token })).status).toBe(200);
  });
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Every sample line of the exposition format, strictly: a line that is not a comment or a sample fails the test. */
function samplesOf(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

describe('GET /metrics: HTTP requests (kept in Redis, so every isolate counts into the same numbers)', () => {
  /** A key prefix of its own: no other test's requests are counted. */
  const own = () => ({ REDIS_KEY_PREFIX: `${config.REDIS_KEY_PREFIX}:${unique('metrics')}` });
  const scrape = async (env: Partial<Env>) => {
    const res = await apiWithEnv(env, '/metrics', { headers: { Authorization: `Bearer ${config.METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    return samplesOf(res.text);
  };
  const find = (samples: Sample[], name: string, labels: Record<string, string>) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

  it('counts requests by method, route template and status, with a duration histogram for each', async () => {
    const env = own();
    for (let i = 0; i < 3; i++) expect((await apiWithEnv(env, '/health')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await apiWithEnv(env, `/challenges/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await apiWithEnv(env, '/challenges/not-a-uuid')).status).toBe(422);
    expect((await apiWithEnv(env, `/no-such-page/${crypto.randomUUID()}`)).status).toBe(404);
    const samples = await scrape(env);

    const total = (route: string, status: string) => find(samples, 'http_requests_total', { method: 'GET', route, status }).map((s) => s.value);
    expect(total('/health', '200')).toEqual([3]);
    expect(total('/challenges/:id', '404')).toEqual([2]);
    expect(total('/challenges/:id', '422')).toEqual([1]);
    expect(total('unmatched', '404')).toEqual([1]); // unknown paths share one series, whatever the path
    expect(find(samples, 'http_requests_total', {}).map((s) => s.labels.route)).not.toContain('/metrics'); // counted after its answer

    const health = { method: 'GET', route: '/health', status: '200' };
    const buckets = find(samples, 'http_request_duration_seconds_bucket', health);
    expect(buckets.map((b) => b.labels.le)).toEqual([...DURATION_BUCKETS.map(String), '+Inf']);
    const counts = buckets.map((b) => b.value);
    expect(counts).toEqual([...counts].sort((a, b) => a - b)); // cumulative
    expect(counts.at(-1)).toBe(3);
    expect(find(samples, 'http_request_duration_seconds_count', health).map((s) => s.value)).toEqual([3]);
    const [sum] = find(samples, 'http_request_duration_seconds_sum', health);
    expect(sum!.value).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(sum!.value)).toBe(true);
  });

  it('counts the scrape itself once its answer has gone', async () => {
    const env = own();
    await scrape(env);
    const second = await scrape(env);
    expect(find(second, 'http_requests_total', { method: 'GET', route: '/metrics', status: '200' }).map((s) => s.value)).toEqual([1]);
  });

  it('names a request refused before its handler (401) by the route it matched', async () => {
    const env = own();
    expect((await apiWithEnv(env, '/auth/me')).status).toBe(401);
    expect(find(await scrape(env), 'http_requests_total', { route: '/auth/me', status: '401' }).map((s) => s.value)).toEqual([1]);
  });

  it('counts nothing with HTTP_METRICS_ENABLED=false', async () => {
    const env = own();
    expect((await apiWithEnv({ ...env, HTTP_METRICS_ENABLED: 'false' }, '/health')).status).toBe(200);
    expect(find(await scrape(env), 'http_requests_total', {})).toEqual([]);
  });

  it('with Redis down, requests are answered and /metrics still has the game’s numbers, without HTTP series', async () => {
    expect((await apiWithEnv(DEAD_REDIS, '/health')).status).toBe(200);
    const samples = await scrape(DEAD_REDIS);
    expect(find(samples, 'skillquest_players', {})).toHaveLength(1);
    expect(find(samples, 'http_requests_total', {})).toEqual([]);
  });
});
