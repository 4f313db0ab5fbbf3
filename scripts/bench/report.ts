/** Renders sections A–E as markdown (the scale section renders itself, see scale/report.ts). */
import type { Latency } from './stats.ts';
import type { LoginCost } from './login-cost.ts';
import { table } from './markdown.ts';
import type { PipelineResult } from './pipeline.ts';
import { COUNTERS, type RoundTripRow } from './round-trips.ts';
import type { ThroughputRow } from './routes.ts';
import { ms, percent, percentile, ratio } from './stats.ts';
import { targetMs } from './latency.ts';

export function throughputSection(rows: ThroughputRow[], seconds: number, chartFile: string): string {
  const health = rows[0]?.rps ?? Number.NaN;
  return [
    `## A. Throughput (autocannon, 10 connections, ${seconds} s a route)`,
    '',
    table(
      ['route', 'req/s', 'vs /health', 'p50 ms', 'p99 ms', 'requests', 'errors'],
      rows.map((r) => [r.name, Math.round(r.rps), `${ratio(r.rps, health)} (${percent(r.rps, health)})`, ms(r.p50), ms(r.p99), r.requests, r.errors]),
    ),
    '',
    `![requests/s per route as % of GET /health](${chartFile})`,
  ].join('\n');
}

export function roundTripSection(rows: RoundTripRow[]): string {
  const note = rows.every((r) => r.counts === null)
    ? '\nThe gateway has no `/__stats` counters yet (n/a): the branch that adds them is not merged.'
    : '\nOne request after a warm-up one, counters reset in between. The award row is what the queue consumer and the hub added after the submit returned.';
  return [
    '## B. Round trips per request (gateway counters)',
    '',
    table(
      ['request', 'PG conns', 'PG round trips', 'statements', 'Redis requests', 'Redis commands'],
      rows.map((r) => [r.name, ...COUNTERS.map((k) => (r.counts ? r.counts[k] : 'n/a'))]),
    ),
    note,
  ].join('\n');
}

export interface RttRun {
  rtt: number;
  gatewayPingMs: number;
  latency: Map<string, Latency>;
}

export function latencySection(runs: RttRun[], samples: number): string {
  const names = [...new Set(runs.flatMap((r) => [...r.latency.keys()]))];
  const header = ['route', ...runs.flatMap((r) => [`RTT ${r.rtt}: p50`, 'p99', 'target'])];
  // An answer from the edge cache reaches no origin: its target is 15 ms at any RTT.
  const target = (name: string, rtt: number) => (name.endsWith('(edge cache hit)') ? '≤ 15' : `≤ ${targetMs(rtt)}`);
  const rows = names.map((name) => [
    name,
    ...runs.flatMap((r) => [ms(r.latency.get(name)?.p50), ms(r.latency.get(name)?.p99), target(name, r.rtt)]),
  ]);
  const pings = runs.map((r) => {
    const injected = r.rtt === 0 || r.gatewayPingMs >= r.rtt * 0.8;
    return `- RTT ${r.rtt}: a Redis PING straight to the gateway took ${ms(r.gatewayPingMs)} ms` +
      (injected ? '.' : ` — the gateway does **not** inject GATEWAY_RTT_MS yet, so this column is really RTT 0.`);
  });
  return [
    `## C. Latency per request (${samples} sequential requests each, ms; target 2 × RTT + 15 ms; the RTT 50 stack has the edge cache on, its cached routes measured cold (a new URL each request) and warm)`,
    '',
    table(header, rows),
    '',
    ...pings,
  ].join('\n');
}

/** One run of section D at one submit rate. */
function pipelineRun(p: PipelineResult): string {
  return [
    `### ${p.targetRate} submits/s`,
    '',
    `${p.submitted + p.failedSubmits} submits at a steady rate (open loop) by ${p.players} players, score 100 on challenges of distinct XP, so each ` +
      'update on a `/leaderboard/live` socket identifies its submit by (player, xp_awarded). Attempts were started beforehand.',
    '',
    table(
      ['what', 'value'],
      [
        ['target / achieved send rate', `${p.targetRate}/s / ${p.achievedRate.toFixed(0)}/s`],
        ['submits accepted (202) / failed', `${p.submitted} / ${p.failedSubmits}`],
        ['failures by reason', Object.entries(p.failures).map(([why, n]) => `${n} × ${why}`).join('; ') || '—'],
        ['submit response p50 / p99', `${ms(p.submitResponse.p50)} / ${ms(p.submitResponse.p99)} ms`],
        ['updates received / expected', `${p.received} / ${p.submitted}`],
        ['submit sent → broadcast p50 / p99', `${ms(p.broadcast.p50)} / ${ms(p.broadcast.p99)} ms`],
        ['202 → broadcast p50 / p99', `${ms(p.afterAccept.p50)} / ${ms(p.afterAccept.p99)} ms`],
        ['unannounced awards when the last submit returned', p.pendingAfterRun],
        ['backlog (s: pending)', p.backlog.map(([s, n]) => `${s}: ${n}`).join(', ')],
        ['backlog grows (end > 1.25 × mid-run + 20)', p.backlogGrows ? 'yes' : 'no'],
        ['last update after the last submit', `${p.drainSeconds.toFixed(1)} s`],
        ['award batches: count, mean size', `${p.batches.length}, ${p.batches.length ? (p.batches.reduce((n, b) => n + b.size, 0) / p.batches.length).toFixed(0) : '—'}`],
        ['award batch time in the consumer p50 / max', p.batches.length
          ? `${ms(percentile(p.batches.map((b) => b.ms), 50))} / ${ms(Math.max(...p.batches.map((b) => b.ms)))} ms` : '—'],
      ],
      'll',
    ),
  ].join('\n');
}

export function pipelineSection(runs: PipelineResult[]): string {
  return [
    '## D. Award pipeline (submit → WebSocket update carrying that award)',
    '',
    'Target: p99 below 2 × the queue\'s max_batch_timeout (2 s) at 200 submits/s, with no growing backlog. Locally the',
    'queue consumer runs in the same workerd isolate as the HTTP requests (one thread); the consumer\'s own time per',
    'batch is the "award batch time" row (wrangler\'s `QUEUE awards n/n (ms)` lines).',
    '',
    ...runs.map(pipelineRun),
  ].join('\n\n');
}

export function loginSection(l: LoginCost): string {
  return [
    '## E. Login CPU',
    '',
    '`scripts/measure-password-hash.ts` (Node, production setting):',
    '',
    '```',
    l.hashReport,
    '```',
    '',
    `POST /auth/login through the bench stack: p50 ${ms(l.login.p50)} ms, p99 ${ms(l.login.p99)} ms (${l.login.n} sequential) — ` +
      `with the stack's cheap PASSWORD_HASH_PARAMS=${l.stackHashParams}, so this is the route without the production hash cost.`,
  ].join('\n');
}
