/**
 * Section C: the cost of one request on an idle stack (sequential requests), at the gateway's
 * injected round-trip time (GATEWAY_RTT_MS) of 0 and of 50 ms. Target: 2 × RTT + 15 ms.
 */
import type { Api } from './api.ts';
import type { ReadRoute } from './routes.ts';
import { latencyOf, percentile, sequential, type Latency } from './stats.ts';


export async function measureLatency(api: Api, routes: ReadRoute[], samples: number): Promise<Map<string, Latency>> {
  const result = new Map<string, Latency>();
  for (const route of routes) {
    await api.get(route.path, route.token); // warm
    result.set(route.name, latencyOf(await sequential(samples, () => api.get(route.path, route.token))));
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
