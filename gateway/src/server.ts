import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Redis } from 'ioredis';
import { bearerCheck, secretCheck } from './bearer.ts';
import { createNeonHttpHandler, type NeonHttpOptions } from './neon-http.ts';
import { createNeonProxy, type PostgresTarget } from './neon-proxy.ts';
import { createStats, type GatewayStats } from './stats.ts';
import { isStatsPath, serveStats } from './stats-endpoint.ts';
import { createUpstashLink } from './upstash-link.ts';
import { createUpstashHandler } from './upstash-rest.ts';

export interface GatewayOptions extends NeonHttpOptions {
  port: number;
  host?: string;
  postgres: PostgresTarget;
  redisUrl: string;
  token: string;
  /** Simulated WAN round-trip time to Neon and Upstash (GATEWAY_RTT_MS); default 0 = no delay. */
  rttMs?: number;
}

export interface Gateway {
  port: number;
  /** Base URL for @upstash/redis; Neon's endpoints are ws://<host>:<port>/v2 and <url>/sql. */
  url: string;
  /** The round-trip counters also served at GET /__stats. */
  stats: GatewayStats;
  close(): Promise<void>;
}

const NEON_PATH = '/v2';
const NEON_HTTP_PATH = '/sql';

function parseUrl(url: string | undefined): URL | undefined {
  try {
    return new URL(url ?? '/', 'http://gateway');
  } catch {
    return undefined; // not ours to judge: the Upstash handler answers malformed URLs
  }
}

const pathnameOf = (url: string | undefined): string => parseUrl(url)?.pathname ?? '';

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'; // wildcard binds are reachable via loopback
  return host.includes(':') ? `[${host}]` : host;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const host = options.host ?? '127.0.0.1';
  const rttMs = options.rttMs ?? 0;
  if (!(rttMs >= 0 && Number.isFinite(rttMs))) throw new Error(`rttMs must be a finite number >= 0, got ${rttMs}`);
  const redis = new Redis(options.redisUrl, {
    protocol: 2, // Upstash replies have RESP2 shapes (flat HGETALL, scores as strings)
    disableClientInfo: true,
    lazyConnect: true,
    // Replaying a half-sent MULTI or a non-idempotent INCR after a reconnect is worse than failing it.
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 1,
  });
  let lastRedisError: Error | undefined;
  redis.on('error', (err: Error) => {
    lastRedisError = err;
    console.error(JSON.stringify({ level: 'error', msg: 'redis', error: err.message }));
  });
  // Fail fast if Redis is not running (and stop ioredis retrying in the background).
  await redis.connect().catch((err: unknown) => {
    redis.disconnect();
    throw new Error(`cannot connect to Redis: ${(lastRedisError ?? (err as Error)).message}`);
  });

  const stats = createStats();
  const authorized = bearerCheck(options.token);
  const neonTokenOk = secretCheck(options.token);
  const neon = createNeonProxy({ target: options.postgres, stats, rttMs });
  const link = createUpstashLink(stats, rttMs);
  const upstash = createUpstashHandler(redis, options.token, link.countCommands);
  const neonHttp = createNeonHttpHandler(options.postgres, {
    onPgHttpQuery: (statements) => {
      stats.countPgHttpQuery(statements);
      options.onPgHttpQuery?.(statements);
    },
  });
  const server = http.createServer((req, res) => {
    const pathname = pathnameOf(req.url).replace(/(.)\/+$/, '$1');
    if (isStatsPath(pathname)) return serveStats(req, res, pathname, stats, authorized);
    if (pathname === NEON_HTTP_PATH) return link.deliver(req, () => void neonHttp.handle(req, res), 'pg-http');
    link.deliver(req, () => void upstash(req, res), 'redis');
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => {}); // a client resetting mid-handshake must not crash the gateway
    const url = parseUrl(req.url);
    if (url?.pathname !== NEON_PATH) return refuseUpgrade(socket, '404 Not Found');
    // Each session is a Postgres login (trust auth locally). Browsers always send Origin and any web page
    // may open a WebSocket to 127.0.0.1; the driver sends none. The token keeps out everything else local.
    if (req.headers.origin !== undefined) return refuseUpgrade(socket, '403 Forbidden');
    if (!neonTokenOk(url.searchParams.get('token'))) return refuseUpgrade(socket, '401 Unauthorized');
    neon.handleUpgrade(req, socket, head);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    redis.disconnect();
    throw err;
  }

  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    port,
    stats,
    url: `http://${urlHost(host)}:${port}`,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        link.close(); // requests still "on the wire" die with their sockets just below
        server.closeAllConnections(); // keep-alive HTTP sockets would otherwise hold close() open
        await neon.close(); // upgraded sockets are no longer tracked by the HTTP server
        await stopped;
        await neonHttp.close();
        await redis.quit().catch(() => redis.disconnect());
      })();
      return closing;
    },
  };
}
