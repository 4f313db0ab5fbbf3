/** Reads the local gateway's round-trip counters (GET /__stats), as a test sees them around a request. */
export interface Totals {
  pg_connections: number;
  pg_round_trips: number;
  pg_statements: number;
  redis_requests: number;
  redis_commands: number;
}

export function gatewayCounters(gatewayUrl: string, token = 'local-dev-token') {
  const auth = { Authorization: `Bearer ${token}` };
  return {
    async reset(): Promise<void> {
      const res = await fetch(`${gatewayUrl}/__stats/reset`, { method: 'POST', headers: auth });
      if (!res.ok) throw new Error(`reset: ${res.status}`);
      await res.body?.cancel();
    },
    async totals(): Promise<Totals> {
      const res = await fetch(`${gatewayUrl}/__stats`, { headers: auth });
      if (!res.ok) throw new Error(`stats: ${res.status}`);
      return ((await res.json()) as { total: Totals }).total;
    },
    /** The counts one call causes: reset, call, read. */
    async around(call: () => Promise<unknown>): Promise<Totals> {
      await this.reset();
      await call();
      return this.totals();
    },
  };
}
