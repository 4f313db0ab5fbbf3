/** Renders sections A–E as markdown (the scale section renders itself, see scale/report.ts). */
import type { Latency } from './stats.ts';
import type { LoginCost } from './login-cost.ts';
import { table } from './markdown.ts';
import type { PipelineResult } from './pipeline.ts';
import { COUNTERS, type RoundTripRow } from './round-trips.ts';
import type { ThroughputRow } from './routes.ts';
import { ms, percentile } from './stats.ts';
import { targetMs } from './latency.ts';

export function throughputSection(rows: ThroughputRow[], seconds: number, rounds: number, chartFile: string): string {
  const pct = (share: number) => `${Math.round(share * 100)} %`;
  return [
    `## A. Throughput (autocannon, 10 connections, ${seconds} s a route, ${rounds} rounds)`,
    '',
    `Each round measures /health, then every route in turn; a route's share is its req/s over the /health of the same round. ` +
      `A row shows the route's median round; "rounds" is its lowest and highest share. Submit runs once (each needs a started attempt).`,
    '',
    table(
      ['route', 'req/s', 'vs /health', 'rounds', 'p50 ms', 'p99 ms', 'requests', 'errors'],
      rows.map((r) => [
        r.name,
        Math.round(r.rps),
        pct(r.share.median),
        r.share.low === r.share.high ? '—' : `${pct(r.share.low)}–${pct(r.share.high)}`,
        ms(r.p50),
        ms(r.p99),
        r.requests,
        r.errors,
      ]),
    ),
    '',
    ...cpuTable(rows),
    `![requests/s per route as % of GET /health](${chartFile})`,
  ].join('\n');
}

/**
 * Where each request's CPU went (the same median rounds): the worker's own process, and the local
 * stand-ins that share this machine's cores with it and that a deployment does not run beside it.
 */
function cpuTable(rows: ThroughputRow[]): string[] {
  const measured = rows.filter((r) => r.cpu);
  if (measured.length === 0) return [];
  const us = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en') : 'n/a');
  const health = measured[0]!.cpu!;
  return [
    'CPU per request (µs, /proc, the same rounds): the worker\'s workerd process; wrangler\'s dev proxy in front of it (a second ' +
      'workerd); the gateway standing in for Neon and Upstash (its Node process also runs wrangler); Postgres + Redis. ' +
      'The last column is the worker\'s CPU over /health\'s, inverted: the share of /health\'s req/s the worker alone would allow.',
    '',
    table(
      ['route', 'worker', 'dev proxy', 'gateway + wrangler', 'Postgres + Redis', 'worker: /health ÷ route'],
      measured.map((r) => [r.name, us(r.cpu!.worker), us(r.cpu!.devProxy), us(r.cpu!.gateway), us(r.cpu!.data), `${Math.round((100 * health.worker) / r.cpu!.worker)} %`]),
    ),
    '',
  ];
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
    'Target: p99 below 2 × the queue\'s max_batch_timeout (2 s) at 200 submits/s, with no growing backlog. Locally the ' +
      'queue consumer runs in the same workerd isolate as the HTTP requests (one thread); the consumer\'s own time per ' +
      'batch is the "award batch time" row (wrangler\'s `QUEUE awards n/n (ms)` lines).',
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
