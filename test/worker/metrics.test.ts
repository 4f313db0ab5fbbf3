import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, describe, expect, it } from 'vitest';
import { createChallenge, deliver, submitAttempt } from './award-helpers';
import { gameTruth, type GameTruth } from './game-truth';
import { api, config, createUser, openDb } from './helpers';
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
    for (const family of families) for (const m of family.metrics) expect(Number.isFinite(Number(m.value))).toBe(true);
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
