/**
 * `npm run soak`: a few minutes of mixed load on the whole local stack (wrangler dev, a gateway, a
 * throwaway database and a Redis of its own) with one fault injected half-way, then the consistency
 * check. Prints requests, errors by status and the differences; exits 1 if there are any.
 *
 *   SOAK_MINUTES      how long the load runs (default 3)
 *   SOAK_PLAYERS      players submitting concurrently (default 12)
 *   SOAK_READERS      loops reading the board and progress (default 3)
 *   SOAK_SUBSCRIBERS  WebSocket subscribers on GET /leaderboard/live (default 20)
 *   SOAK_FAULT        redis-restart (default: Redis stopped for 5 s, restarted empty) | none
 */
import { settle } from '../test/faults/consistency.ts';
import { sleep, startFaultStack } from '../test/faults/fault-stack.ts';
import { registerPlayers, runWorkload } from '../test/faults/workload.ts';

const minutes = Number(process.env.SOAK_MINUTES ?? 3);
const playerCount = Number(process.env.SOAK_PLAYERS ?? 12);
const readers = Number(process.env.SOAK_READERS ?? 3);
const subscriberCount = Number(process.env.SOAK_SUBSCRIBERS ?? 20);
const fault = process.env.SOAK_FAULT ?? 'redis-restart';

/** Live subscribers that reconnect when dropped (a Redis or hub hiccup must not end the soak's feed). */
function subscribe(baseUrl: string, count: number) {
  const counts = { opened: 0, messages: 0, closed: 0, failed: 0 };
  let running = true;
  const sockets = new Set<WebSocket>();
  const open = () => {
    if (!running) return;
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/leaderboard/live`);
    sockets.add(ws);
    ws.addEventListener('open', () => counts.opened++);
    ws.addEventListener('message', () => counts.messages++);
    ws.addEventListener('error', () => counts.failed++);
    ws.addEventListener('close', () => {
      counts.closed++;
      sockets.delete(ws);
      if (running) setTimeout(open, 1_000);
    });
  };
  for (let i = 0; i < count; i++) open();
  return {
    counts,
    stop() {
      running = false;
      for (const ws of sockets) ws.close(1000, 'soak over');
    },
  };
}

const startedAt = Date.now();
console.log(`soak: starting the stack (${minutes} min, ${playerCount} players, ${readers} readers, ${subscriberCount} subscribers, fault: ${fault})`);
const s = await startFaultStack('soak');
let exitCode: number;
try {
  const players = await registerPlayers(s.call, 'soak', playerCount);
  const subscribers = subscribe(s.stack.baseUrl, subscriberCount);
  const workload = runWorkload(s.call, players, s.challenges, s.tally, { readers });
  const durationMs = minutes * 60_000;
  await sleep(durationMs / 2);
  if (fault === 'redis-restart') {
    console.log(`soak: ${new Date().toISOString()} fault: Redis stopped`);
    await s.redis.stop();
    await sleep(5_000);
    await s.redis.start();
    console.log(`soak: ${new Date().toISOString()} fault: Redis started again (empty)`);
  }
  await sleep(durationMs / 2);
  await workload.stop();
  subscribers.stop();
  const pending = await settle(s.databaseUrl);
  await s.call('GET', '/leaderboard?limit=10'); // a board Redis lost is rebuilt on a read
  const differences = await s.differences();
  const byStatus = Object.fromEntries([...s.tally.byStatus].sort());
  console.log(
    JSON.stringify(
      {
        minutes,
        fault,
        requests: s.tally.requests,
        by_status: byStatus,
        errors_by_status: s.tally.errors(),
        submits: s.tally.submits,
        submits_accepted: s.tally.acceptedSubmits,
        awards_pending_after_settle: pending,
        live: subscribers.counts,
        differences: differences.length,
        wall_seconds: Math.round((Date.now() - startedAt) / 1000),
      },
      null,
      2,
    ),
  );
  for (const difference of differences.slice(0, 50)) console.log(`difference: ${difference}`);
  exitCode = differences.length === 0 && pending.unawarded === 0 ? 0 : 1;
} finally {
  await s.stop();
}
process.exit(exitCode);
