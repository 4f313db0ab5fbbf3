/** Small number helpers shared by every section. */

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export interface Latency {
  n: number;
  p50: number;
  p99: number;
}

export function latencyOf(samples: number[]): Latency {
  return { n: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** `ms` with one decimal below 100, whole above; 'n/a' for a missing figure. */
export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return value < 100 ? value.toFixed(1) : Math.round(value).toString();
}

export function ratio(value: number, base: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(base) || base === 0) return 'n/a';
  return `${(value / base).toFixed(value / base < 10 ? 2 : 1)}×`;
}

export function percent(value: number, base: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(base) || base === 0) return 'n/a';
  return `${Math.round((value / base) * 100)} %`;
}

/** Times `once` `n` times in a row (no concurrency): the cost of one request on an idle stack. */
export async function sequential(n: number, once: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await once();
    samples.push(performance.now() - started);
  }
  return samples;
}

export const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

/** A route's req/s as a share of /health's: the median round's, and the lowest and highest. */
export interface Share {
  median: number;
  low: number;
  high: number;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

/** A route's req/s round by round against /health's: its median round (by req/s), and its shares of /health. */
export function summariseRounds(route: number[], health: number[]): { medianRound: number; share: Share } {
  const shares = route.map((rps, round) => rps / health[round]!);
  const byRps = route.map((_, round) => round).sort((a, b) => route[a]! - route[b]!);
  return { medianRound: byRps[Math.floor((byRps.length - 1) / 2)]!, share: { median: median(shares), low: Math.min(...shares), high: Math.max(...shares) } };
}

