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
import { submitAtRate } from './open-loop.ts';
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
  /** From the 202 to the update: the queue, the award and the hub, without the submit itself. */
  afterAccept: Latency;
  received: number;
  /** [seconds since start, pending awards] once a second, and at the end of the run. */
  backlog: [number, number][];
  pendingAfterRun: number;
  /** From the last submit sent to the last update received (how long the backlog took to clear). */
  drainSeconds: number;
  /** Whether the backlog was still climbing in the second half of the run (not a steady state). */
  backlogGrows: boolean;
  /** The award queue's batches during the run, as wrangler reports them: size and time in the consumer. */
  batches: { size: number; ms: number }[];
}

/** `[wrangler:info] QUEUE awards 100/100 (123ms)`: one line per batch the local queue handed the consumer. */
export function awardBatches(output: string): { size: number; ms: number }[] {
  return [...output.matchAll(/QUEUE awards (\d+)\/(\d+) \((\d+)ms\)/g)].map((m) => ({ size: Number(m[2]), ms: Number(m[3]) }));
}

export async function measurePipeline(f: Fixtures, db: pg.Client, rate: number, seconds: number, stackOutput: () => string): Promise<PipelineResult> {
  // Score 100 on challenges of distinct XP: xp_awarded equals the challenge's XP, so the
  // update carrying (player, xp) identifies exactly one submit.
  const distinct = [...new Map(f.challenges.map((c) => [c.xp, c])).values()];
  const total = rate * seconds;
  const players = await createPlayers(f.api, `pipe${rate}`, Math.ceil(total / distinct.length));
  // Round-robin over players, so one player's submits are players/rate seconds apart.
  const pairs = Array.from({ length: total }, (_, k) => ({
    player: players[k % players.length]!,
    challengeId: distinct[Math.floor(k / players.length)]!.id,
    xp: distinct[Math.floor(k / players.length)]!.xp,
  }));
  const attempts = await startAttempts(f.api, pairs);

  const live = new LiveSubscriber(f.api.baseUrl);
  await live.ready();
  const outputBefore = stackOutput().length;
  const started = performance.now();
  const backlog: [number, number][] = [];
  const sampler = setInterval(() => {
    const at = (performance.now() - started) / 1000;
    void pendingAwards(db).then((n) => backlog.push([Math.round(at), n]));
  }, 1000);

  const { sentAt, acceptedAt, failures, achievedRate } = await submitAtRate(f.api, attempts, rate, started);
  clearInterval(sampler);
  const pendingAfterRun = await pendingAwards(db);
  backlog.push([Math.round((performance.now() - started) / 1000), pendingAfterRun]);

  // Only accepted submits are ever awarded: wait for their updates (or give up after 90 s).
  const keys = pairs.map((p, k) => (acceptedAt[k] === undefined ? undefined : LiveSubscriber.key(p.player.id, p.xp)));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && keys.some((key) => key && !live.awards.has(key))) await sleep(250);
  live.close();
  const batches = awardBatches(stackOutput().slice(outputBefore));
  const lastSent = sentAt.at(-1) ?? started;
  const drainSeconds = (Math.max(lastSent, ...live.awards.values()) - lastSent) / 1000;
  const middle = backlog[Math.floor((backlog.length - 1) / 2)]?.[1] ?? 0;
  const since = (from: (number | undefined)[]) =>
    keys.flatMap((key, k) => (key && live.awards.has(key) ? [live.awards.get(key)! - from[k]!] : []));
  const accepted = acceptedAt.filter((t): t is number => t !== undefined);
  const failedSubmits = total - accepted.length;
  const latencies = since(sentAt);
  return {
    targetRate: rate,
    players: players.length,
    achievedRate,
    submitted: total - failedSubmits,
    failedSubmits,
    failures,
    submitResponse: latencyOf(acceptedAt.flatMap((t, k) => (t === undefined ? [] : [t - sentAt[k]!]))),
    broadcast: latencyOf(latencies),
    afterAccept: latencyOf(since(acceptedAt)),
    received: latencies.length,
    backlog,
    pendingAfterRun,
    drainSeconds,
    backlogGrows: pendingAfterRun > 1.25 * middle + 20,
    batches,
  };
}

