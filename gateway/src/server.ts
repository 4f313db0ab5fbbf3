import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createNeonHttpHandler, type NeonHttpOptions } from './neon-http.ts';
import { createNeonProxy, type PostgresTarget } from './neon-proxy.ts';
import { createUpstashHandler } from './upstash-rest.ts';

export interface GatewayOptions extends NeonHttpOptions {
  port: number;
  host?: string;
  postgres: PostgresTarget;
  redisUrl: string;
  token: string;
}

export interface Gateway {
  port: number;
  /** Base URL for @upstash/redis; Neon's endpoints are ws://<host>:<port>/v2 and <url>/sql. */
  url: string;
  close(): Promise<void>;
}

const NEON_PATH = '/v2';
const NEON_HTTP_PATH = '/sql';

// URL.parse, not new URL: a malformed absolute-form target (`POST http://[::1/x`) must not throw here.
const pathnameOf = (req: http.IncomingMessage): string | undefined => URL.parse(req.url ?? '/', 'http://gateway')?.pathname;

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'; // wildcard binds are reachable via loopback
  return host.includes(':') ? `[${host}]` : host;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const host = options.host ?? '127.0.0.1';
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

  const neon = createNeonProxy(options.postgres);
  const neonHttp = createNeonHttpHandler(options.postgres, { onPgHttpQuery: options.onPgHttpQuery });
  const upstash = createUpstashHandler(redis, options.token);
  const server = http.createServer((req, res) => {
    void (pathnameOf(req) === NEON_HTTP_PATH ? neonHttp.handle(req, res) : upstash(req, res));
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => {}); // a client resetting mid-handshake must not crash the gateway
    if (pathnameOf(req) !== NEON_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
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
    url: `http://${urlHost(host)}:${port}`,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
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
