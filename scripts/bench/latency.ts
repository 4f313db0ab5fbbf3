/**
 * Section C: the cost of one request on an idle stack (sequential requests), at the gateway's
 * injected round-trip time (GATEWAY_RTT_MS) of 0 and of 50 ms. Target: 2 × RTT + 15 ms.
 */
import type { Api, StartedAttempt } from './api.ts';
import type { ReadRoute } from './routes.ts';
import { latencyOf, percentile, sequential, type Latency } from './stats.ts';


/** The routes whose anonymous answers the edge cache keeps (src/middleware/edge-cache.ts). */
const EDGE_CACHED = /^GET \/(challenges|leaderboard\?)/;

/**
 * Sequential requests per route. With `edgeCache`, each request of a cached route carries a query
 * parameter of its own (a cold cache: a miss every time), and the same route is measured again
 * without it (a warm cache: the edge answers).
 */
export async function measureLatency(
  api: Api,
  routes: ReadRoute[],
  samples: number,
  { edgeCache = false, submits = [] }: { edgeCache?: boolean; submits?: StartedAttempt[] } = {},
): Promise<Map<string, Latency>> {
  const result = new Map<string, Latency>();
  let n = 0;
  const cold = (path: string) => `${path}${path.includes('?') ? '&' : '?'}cold=${Date.now()}_${n++}`;
  for (const route of routes) {
    const cached = edgeCache && EDGE_CACHED.test(route.name) && !route.token;
    const path = () => (cached ? cold(route.path) : route.path);
    await api.get(path(), route.token); // warm the isolate
    result.set(route.name, latencyOf(await sequential(samples, () => api.get(path(), route.token))));
    if (cached) {
      await api.get(route.path);
      result.set(`${route.name} (edge cache hit)`, latencyOf(await sequential(samples, () => api.get(route.path))));
    }
  }
  // Each submit takes an attempt of its own (started beforehand); the first one warms the isolate.
  const [warm, ...rest] = submits;
  if (warm) {
    const submit = (a: StartedAttempt) => api.call('POST', `/attempts/${a.id}/submit`, { body: { score: 90 }, token: a.player.token });
    await submit(warm);
    const times: number[] = [];
    for (const attempt of rest) {
      const started = performance.now();
      await submit(attempt);
      times.push(performance.now() - started);
    }
    result.set('POST /attempts/{id}/submit', latencyOf(times));
  }
  return result;
}

/**
 * One Upstash REST PING straight to the gateway, median of 5: shows whether the gateway really
 * injects the RTT it was given (a gateway without GATEWAY_RTT_MS answers in about a millisecond).
 */
export async function gatewayPingMs(gatewayUrl: string, token: string): Promise<number> {
  const ping = () =>
    fetch(gatewayUrl, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(['PING']) }).then((r) => r.text());
  await ping();
  return percentile(await sequential(5, ping), 50);
}

export const targetMs = (rtt: number) => 2 * rtt + 15;
