import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/streaks';
import { randomIp } from './auth-helpers';
import { api, createUser, errorOf, expectError, openDb, unique } from './helpers';

// Streak days are counted twice: by the runtime (localDate, "today") and by Postgres (`at time zone`,
// the pass days). A zone is only usable if both read it the same way.
const handle = openDb();
afterAll(() => handle.close());

// Around midnight UTC and at the date line, where a sign error moves the local day.
const INSTANTS = ['2024-06-01T00:30:00Z', '2024-06-01T11:00:00Z', '2024-06-01T12:30:00Z', '2024-12-31T23:30:00Z'].map((s) => new Date(s));

async function postgresDates(zone: string): Promise<string[]> {
  const { rows } = await handle.db.execute(sql`
    select to_char(t at time zone ${zone}, 'YYYY-MM-DD') as day
    from unnest(${`{${INSTANTS.map((d) => d.toISOString()).join(',')}}`}::timestamptz[]) with ordinality as i(t, n) order by n`);
  return rows.map((r) => (r as { day: string }).day);
}

const runtimeDates = (zone: string) => INSTANTS.map((d) => localDate(d, zone));

function register(timezone: string) {
  const username = unique('tz');
  const body = { username, email: `${username}@example.test`, password: `pw-${username}-long`, timezone };
  return api('POST', '/auth/register', { body, headers: { 'CF-Connecting-IP': randomIp() } });
}

describe('time zones: IANA names only', () => {
  it.each(['+14:00', '-05:00', '+0530', '+14', '-00:00', 'UTC+3', 'GMT-3', 'Z'])('registering with %s → 422 naming timezone', async (zone) => {
    const res = await register(zone);
    expectError(res, 422);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'timezone' })]);
  });

  it('PATCH /auth/me with a UTC offset → 422 naming timezone, and the zone is unchanged', async () => {
    const player = await createUser(handle, 'player', 'Europe/Paris');
    const res = await api('PATCH', '/auth/me', { token: player.token, body: { timezone: '+14:00' } });
    expectError(res, 422);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'timezone' })]);
    expect((await api('GET', '/auth/me', { token: player.token })).json.timezone).toBe('Europe/Paris');
  });

  it('why: the runtime and Postgres read "+14:00" with opposite signs (a day apart)', async () => {
    expect(runtimeDates('+14:00')[2]).toBe('2024-06-02');
    expect((await postgresDates('+14:00'))[2]).toBe('2024-05-31');
  });

  it.each(['Etc/GMT+2', 'Etc/GMT-14', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'UTC'])(
    '%s is accepted, and the runtime and Postgres agree on its local days',
    async (zone) => {
      const res = await register(zone);
      expect(res.status, res.text).toBe(201);
      expect(res.json.timezone).toBe(zone);
      expect(runtimeDates(zone)).toEqual(await postgresDates(zone));
    },
  );
});
