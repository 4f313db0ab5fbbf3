import type { Redis } from './redis';

/**
 * HTTP request counts and durations, for GET /metrics. Isolates share no memory and each may be
 * evicted at any time, so nothing is kept in the isolate: every request adds itself to one Redis hash
 * (two HINCRBYs in one pipelined request, sent after the response in waitUntil), and a scrape reads
 * the hash whole. Counts are global and exact; a request whose write fails (Redis down) is not counted.
 */

/** Upper bounds (seconds) of the duration buckets: Prometheus's defaults, which suit an API. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export interface RequestSample {
  method: string;
  /** The route template (`/challenges/:id`), never the path: one series per route, whatever the ids. */
  route: string;
  status: number;
  seconds: number;
}

/** One method, route and status: how many requests fell in each bucket (not cumulative; the last is +Inf) and their total time. */
export interface RequestSeries {
  method: string;
  route: string;
  status: string;
  buckets: number[];
  sumSeconds: number;
}

export interface HttpMetrics {
  record(sample: RequestSample): Promise<void>;
  read(): Promise<RequestSeries[]>;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A label a client can't multiply: known methods, anything else is OTHER. */
const methodLabel = (method: string) => (METHODS.has(method) ? method : 'OTHER');

export function bucketIndex(seconds: number): number {
  const i = DURATION_BUCKETS.findIndex((bound) => seconds <= bound);
  return i === -1 ? DURATION_BUCKETS.length : i;
}

// Hash fields: `c|<method>|<status>|<bucket>|<route>` counts, `s|<method>|<status>|<route>` microseconds.
// The route goes last: it is the only part that could hold the separator.
const countField = (s: RequestSample) => `c|${methodLabel(s.method)}|${s.status}|${bucketIndex(s.seconds)}|${s.route}`;
const sumField = (s: RequestSample) => `s|${methodLabel(s.method)}|${s.status}|${s.route}`;

function seriesFrom(hash: Record<string, unknown>): RequestSeries[] {
  const series = new Map<string, RequestSeries>();
  const get = (method: string, status: string, route: string) => {
    const key = `${method}|${status}|${route}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { method, route, status, buckets: DURATION_BUCKETS.map(() => 0).concat(0), sumSeconds: 0 }));
    return s;
  };
  for (const [field, raw] of Object.entries(hash)) {
    const value = Number(raw);
    const [kind, method = '', status = '', ...rest] = field.split('|');
    if (kind === 'c') {
      const [bucket = '', ...route] = rest;
      const s = get(method, status, route.join('|'));
      s.buckets[Number(bucket)] = (s.buckets[Number(bucket)] ?? 0) + value;
    } else if (kind === 's') {
      get(method, status, rest.join('|')).sumSeconds += value / 1e6;
    }
  }
  return [...series.values()].sort((a, b) => `${a.route} ${a.method} ${a.status}`.localeCompare(`${b.route} ${b.method} ${b.status}`));
}

export function createHttpMetrics(redis: Redis, prefix: string): HttpMetrics {
  const key = `${prefix}:metrics:http`;
  return {
    async record(sample) {
      await redis
        .pipeline()
        .hincrby(key, countField(sample), 1)
        .hincrby(key, sumField(sample), Math.round(sample.seconds * 1e6))
        .exec();
    },
    async read() {
      return seriesFrom((await redis.hgetall<Record<string, unknown>>(key)) ?? {});
    },
  };
}
