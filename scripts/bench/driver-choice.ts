/**
 * Section H: which Neon path the read routes use, measured under an injected WAN round trip.
 * A Worker can't keep a socket between requests, so every request that uses the WebSocket Pool pays
 * the connection setup; the HTTP path pays one round trip per query or per batch.
 */
import { neon, neonConfig, Pool } from '@neondatabase/serverless';
import ws from 'ws';
import { startGateway } from '../../gateway/src/server.ts';
import { ADMIN_URL, PG_HOST, PG_PORT } from '../../test/setup/postgres.ts';
import { table } from './markdown.ts';
import { latencyOf, ms } from './stats.ts';

const QUERY = 'select n, md5(n::text) as hash from generate_series(1, 10) as n';

async function timed(samples: number, once: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
  }
  return latencyOf(times);
}

export async function measureDriverChoice(redisUrl: string, rttMs = 50, samples = 15, databaseUrl = ADMIN_URL): Promise<string> {
  const gateway = await startGateway({ port: 0, postgres: { host: PG_HOST, port: PG_PORT }, redisUrl, token: 'driver-choice', rttMs });
  const proxy = `127.0.0.1:${gateway.port}/v2?token=driver-choice`;
  neonConfig.webSocketConstructor = ws;
  neonConfig.wsProxy = () => proxy;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  neonConfig.fetchEndpoint = `http://127.0.0.1:${gateway.port}/sql`;
  const http = neon(databaseUrl);
  // Each "request" opens and closes its own pool, as a Worker request must.
  const overPool = async (queries: number) => {
    const pool = new Pool({ connectionString: databaseUrl, max: 1 });
    try {
      for (let i = 0; i < queries; i++) await pool.query(QUERY);
    } finally {
      await pool.end();
    }
  };
  try {
    const rows = [
      ['1 query, WebSocket Pool', await timed(samples, () => overPool(1))],
      ['1 query, HTTP', await timed(samples, () => http.query(QUERY))],
      ['4 queries, WebSocket Pool (sequential)', await timed(samples, () => overPool(4))],
      ['4 queries, HTTP batch (one transaction)', await timed(samples, () => http.transaction((sql) => [1, 2, 3, 4].map(() => sql.query(QUERY))))],
    ] as const;
    return [
      `## H. Neon driver path for reads, at an injected RTT of ${rttMs} ms`,
      '',
      'Each request opens its own connection, as a Worker must. The gateway models TLS + WebSocket setup as 3 RTT (gateway/README.md).',
      '',
      table(['request', 'n', 'p50 ms', 'p99 ms', 'p50 in RTTs'], rows.map(([name, l]) => [name, l.n, ms(l.p50), ms(l.p99), (l.p50 / rttMs).toFixed(1)])),
    ].join('\n');
  } finally {
    await gateway.close();
  }
}
