import { expect } from 'vitest';
import { settle } from './consistency.ts';
import { sleep, type FaultStack } from './fault-stack.ts';
import { registerPlayers, runWorkload, type Player } from './workload.ts';

/** Players who earn XP once, before the fault, and then stop: a lost board must get them back too. */
async function idlePlayersWithXp(s: FaultStack, label: string): Promise<Player[]> {
  const idle = await registerPlayers(s.call, `${label}idle`, 3);
  for (const player of idle) {
    const started = await s.call('POST', '/attempts', { challenge_id: s.challenges[0] }, player.token);
    expect(started.status).toBe(201);
    expect((await s.call('POST', `/attempts/${started.json.id}/submit`, { score: 100, solution: 'idle' }, player.token)).status).toBe(202);
  }
  return idle;
}

/**
 * One scenario: idle players with XP, then 8 players submitting concurrently (and `readers` board
 * readers) for `before` ms, the fault, `after` ms more; then it waits for every award to be committed and
 * announced, reads the board once (a lost board is rebuilt on a read) and expects zero differences.
 * With no readers, the first thing to touch a board Redis lost is a publish, not a rebuild: the harder order.
 * While it waits the cron ticks, as in production: a submit whose write committed but whose answer was
 * lost in the fault got a 503 and sent no award, and only the cron's sweep sends it.
 */
export async function underWorkload(
  s: FaultStack,
  label: string,
  fault: () => Promise<void>,
  { before = 3_000, after = 3_000, readers = 1 } = {},
) {
  await idlePlayersWithXp(s, label);
  const players = await registerPlayers(s.call, label, 8);
  const accepted = s.tally.acceptedSubmits;
  const requests = s.tally.requests;
  const errorsBefore = s.tally.errors();
  const workload = runWorkload(s.call, players, s.challenges, s.tally, { readers });
  await sleep(before);
  await fault();
  await sleep(after);
  await workload.stop();
  expect(s.tally.acceptedSubmits).toBeGreaterThan(accepted); // the workload did submit
  const errors = Object.entries(s.tally.errors()).map(([status, n]) => [status, n - (errorsBefore[status] ?? 0)]);
  console.log(`${label}: ${s.tally.requests - requests} requests, ${s.tally.acceptedSubmits - accepted} submits accepted, errors ${JSON.stringify(Object.fromEntries(errors.filter(([, n]) => n !== 0)))}`);
  expect(await settle(s.databaseUrl, { tick: () => s.cronTick() })).toEqual({ unawarded: 0, unannounced: 0 });
  expect((await s.call('GET', '/leaderboard?limit=10')).status).toBe(200);
  expect(await s.differences()).toEqual([]);
}
