import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { createDelayLine } from './delay-line.ts';
import type { ConnectionStats, GatewayStats } from './stats.ts';

// A request costs one RTT; on a new TCP connection first TCP (1 RTT) and TLS 1.3 (1 RTT) too.
const REQUEST_ROUND_TRIPS = 1;
const NEW_SOCKET_ROUND_TRIPS = 3;

/**
 * The client ↔ gateway HTTP link (Upstash REST, Neon's /sql): the simulated network time each
 * request spends before the gateway answers it, and for Redis one stats entry per client TCP
 * socket (keep-alive sockets carry many requests). Neon HTTP queries are counted by their handler.
 */
export function createUpstashLink(stats: GatewayStats, rttMs: number) {
  const sockets = new WeakMap<Socket, ConnectionStats>();
  const seen = new WeakSet<Socket>();
  const reusedSocket = createDelayLine(REQUEST_ROUND_TRIPS * rttMs);
  const newSocket = createDelayLine(NEW_SOCKET_ROUND_TRIPS * rttMs);

  return {
    /** Counts the request, then runs `handle` once its share of the network time has passed. */
    deliver(req: IncomingMessage, handle: () => void, protocol: 'redis' | 'pg-http'): void {
      const socket = req.socket;
      const line = seen.has(socket) ? reusedSocket : newSocket;
      seen.add(socket);
      if (protocol === 'redis') {
        let connection = sockets.get(socket);
        if (!connection) {
          const opened = stats.open('redis');
          socket.once('close', () => stats.close(opened));
          sockets.set(socket, opened);
          connection = opened;
        }
        stats.redisRequest(connection);
      }
      line.push(() => {
        if (!req.destroyed) handle(); // the client gave up while its request was "on the wire"
      });
    },
    countCommands(req: IncomingMessage, count: number): void {
      const connection = sockets.get(req.socket);
      if (connection) stats.redisCommands(connection, count);
    },
    close(): void {
      reusedSocket.clear();
      newSocket.clear();
    },
  };
}
