/**
 * Section D: the award pipeline under a steady submit rate. Submit → the WebSocket update that
 * carries that award (queue, award transaction, boards, hub broadcast), and the backlog of
 * submitted-but-unannounced attempts while it runs.
 */
import type pg from 'pg';
import { createPlayers, startAttempts } from './api.ts';
import { pendingAwards } from './db.ts';
import type { Fixtures } from './fixtures.ts';
import { LiveSubscriber } from './live-subscriber.ts';
import { latencyOf, sleep, type Latency } from './stats.ts';

export interface PipelineResult {
  targetRate: number;
  players: number;
  achievedRate: number;
  submitted: number;
  failedSubmits: number;
  /** Why submits failed: HTTP status or error text → count. */
  failures: Record<string, number>;
  submitResponse: Latency;
  broadcast: Latency;
  received: number;
  /** [seconds since start, pending awards] once a second, and at the end of the run. */
  backlog: [number, number][];
  pendingAfterRun: number;
  /** From the last submit sent to the last update received (how long the backlog took to clear). */
  drainSeconds: number;
  /** Whether the backlog was still climbing in the second half of the run (not a steady state). */
  backlogGrows: boolean;
}

export async function measurePipeline(f: Fixtures, db: pg.Client, rate: number, seconds: number): Promise<PipelineResult> {
  // Score 100 on challenges of distinct XP: xp_awarded equals the challenge's XP, so the
  // update carrying (player, xp) identifies exactly one submit.
  const distinct = [...new Map(f.challenges.map((c) => [c.xp, c])).values()];
  const total = rate * seconds;
  const players = await createPlayers(f.api, 'pipe', Math.ceil(total / distinct.length));
  // Round-robin over players, so one player's submits are players/rate seconds apart.
  const pairs = Array.from({ length: total }, (_, k) => ({
    player: players[k % players.length]!,
    challengeId: distinct[Math.floor(k / players.length)]!.id,
    xp: distinct[Math.floor(k / players.length)]!.xp,
  }));
  const attempts = await startAttempts(f.api, pairs);

  const live = new LiveSubscriber(f.api.baseUrl);
  await live.ready();
  const started = performance.now();
  const backlog: [number, number][] = [];
  const sampler = setInterval(() => {
    const at = (performance.now() - started) / 1000;
    void pendingAwards(db).then((n) => backlog.push([Math.round(at), n]));
  }, 1000);

  const sentAt: number[] = [];
  const responses: number[] = [];
  let failedSubmits = 0;
  const failures: Record<string, number> = {};
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const due = started + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const attempt = attempts[k]!;
    sentAt[k] = performance.now();
    const body = { body: { score: 100 }, token: attempt.player.token };
    inFlight.push(
      f.api.call('POST', `/attempts/${attempt.id}/submit`, body).then(
        () => void responses.push(performance.now() - sentAt[k]!),
        (err: unknown) => {
          failedSubmits++;
          const reason = failureReason(err);
          failures[reason] = (failures[reason] ?? 0) + 1;
        },
      ),
    );
  }
  const achievedRate = total / ((performance.now() - started) / 1000);
  await Promise.all(inFlight);
  clearInterval(sampler);
  const pendingAfterRun = await pendingAwards(db);
  backlog.push([Math.round((performance.now() - started) / 1000), pendingAfterRun]);

  const keys = pairs.map((p) => LiveSubscriber.key(p.player.id, p.xp));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && keys.some((key) => !live.awards.has(key))) await sleep(250);
  live.close();
  const lastSent = sentAt[total - 1]!;
  const drainSeconds = (Math.max(lastSent, ...live.awards.values()) - lastSent) / 1000;
  const middle = backlog[Math.floor((backlog.length - 1) / 2)]?.[1] ?? 0;
  const latencies = keys.flatMap((key, k) => (live.awards.has(key) ? [live.awards.get(key)! - sentAt[k]!] : []));
  return {
    targetRate: rate,
    players: players.length,
    achievedRate,
    submitted: total - failedSubmits,
    failedSubmits,
    failures,
    submitResponse: latencyOf(responses),
    broadcast: latencyOf(latencies),
    received: latencies.length,
    backlog,
    pendingAfterRun,
    drainSeconds,
    backlogGrows: pendingAfterRun > 1.25 * middle + 20,
  };
}

/** "503 service_unavailable", "fetch failed: other side closed", … */
function failureReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const http = /: (\d{3}) .*?"code":"([a-z_]+)","message":"([^"]{0,60})/.exec(message);
  if (http) return `${http[1]} ${http[2]}: ${http[3]}`;
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${message.slice(0, 60)}${cause}`;
}
