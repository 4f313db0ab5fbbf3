/** Throughput under load with autocannon: 10 connections for a few seconds per route. */
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  durationSeconds: number;
  connections?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Per-request rewrite (autocannon's setupRequest); returning undefined stops that connection. */
  nextRequest?: () => { path: string; headers: Record<string, string>; body: string } | undefined;
  /** Stop after this many requests (a prepared pool of one-shot requests). */
  amount?: number;
}

export async function loadTest(options: LoadOptions): Promise<LoadResult> {
  const next = options.nextRequest;
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 10,
    duration: options.durationSeconds,
    amount: options.amount,
    method: options.method ?? 'GET',
    headers: options.headers,
    requests: next
      ? [
          {
            // autocannon's types call this a Request; the fields set here are the ones it sends.
            setupRequest: (request) => {
              const prepared = next();
              return (prepared ? { ...request, ...prepared } : undefined) as unknown as autocannon.Request;
            },
          },
        ]
      : undefined,
  });
  // autocannon counts each completed request; errors are timeouts/resets, non2xx are HTTP failures.
  const ok = result.requests.total - result.non2xx;
  return {
    rps: ok / Math.max(0.001, result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
  };
}
