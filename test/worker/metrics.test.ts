import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, describe, expect, it } from 'vitest';
import { api, config, createUser, openDb } from './helpers';

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

  it('accepts an admin access token too', async () => {
    const admin = await createUser(handle, 'admin');
    expect((await api('GET', '/metrics', { token: admin.token })).status).toBe(200);
  });

});
