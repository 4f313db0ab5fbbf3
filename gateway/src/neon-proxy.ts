import net from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { createDelayLine } from './delay-line.ts';
import { createFrontendParser } from './pg-frontend.ts';
import type { GatewayStats } from './stats.ts';

export interface PostgresTarget {
  host: string;
  port: number;
}

export interface NeonProxyOptions {
  target: PostgresTarget;
  stats: GatewayStats;
  /** Simulated client ↔ Neon round-trip time; 0 = none. See "Latency model" in gateway/README.md. */
  rttMs: number;
}

// Stop reading from Postgres while more than this is queued for the WebSocket, so a
// slow driver (or a huge result set) cannot make the gateway buffer without bound.
const HIGH_WATER = 1024 * 1024;
const CLOSE_GRACE_MS = 1000;
// A new connection to Neon costs TCP (1 RTT) + TLS 1.3 (1 RTT) + the WebSocket upgrade (1 RTT)
// before the first Postgres byte. Locally TCP is free and the upgrade is plain HTTP, which the
// per-frame delays never see, so the 101 response is held back for all three.
const SETUP_ROUND_TRIPS = 3;

const toBuffer = (data: RawData): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);

/**
 * The Neon serverless driver speaks the plain Postgres wire protocol inside binary
 * WebSocket frames (no TLS with the local neonConfig), so proxying is a byte pipe in
 * each direction; the client's side of it is parsed only to count messages.
 *
 * Security: the driver names its target in `?address=host:port` (with a function-valued
 * neonConfig.wsProxy the parameter may be missing altogether). We accept any value and
 * ALWAYS dial the configured Postgres, so the gateway can never be used as an open
 * TCP proxy, and connection strings naming a production host still land locally.
 */
export function createNeonProxy({ target, stats, rttMs }: NeonProxyOptions) {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const upstreams = new Set<net.Socket>();
  const handshakes = new Set<Duplex>();
  const setup = createDelayLine(SETUP_ROUND_TRIPS * rttMs);

  function bridge(ws: WebSocket): void {
    const connection = stats.open('pg');
    const countMessages = createFrontendParser(
      (type) => {
        if (type === 'S' || type === 'Q') stats.pgRoundTrip(connection);
        if (type === 'P' || type === 'Q') stats.pgStatement(connection);
      },
      (params) => stats.name(connection, params.application_name ?? null),
    );
    // Each direction is a link of RTT/2: a request and its reply cost one RTT, pipelined ones share it.
    const toServer = createDelayLine(rttMs / 2);
    const toClient = createDelayLine(rttMs / 2);
    let delayedBytes = 0; // on their way to the driver, but not yet handed to the WebSocket
    const pg = net.connect({ host: target.host, port: target.port });
    pg.setNoDelay(true);
    upstreams.add(pg);

    ws.on('message', (data) => {
      const bytes = toBuffer(data);
      countMessages(bytes);
      toServer.push(() => {
        if (!pg.write(bytes)) ws.pause(); // resume on 'drain' below
      });
    });
    pg.on('drain', () => ws.resume());

    pg.on('data', (chunk: Buffer) => {
      delayedBytes += chunk.length;
      toClient.push(() => {
        delayedBytes -= chunk.length;
        if (ws.readyState !== ws.OPEN) return; // driver is gone; drain Postgres until it closes
        ws.send(chunk, { binary: true }, () => {
          if (pg.isPaused() && ws.bufferedAmount + delayedBytes < HIGH_WATER / 2) pg.resume();
        });
      });
      if (ws.bufferedAmount + delayedBytes > HIGH_WATER) pg.pause();
    });

    // Postgres ends the session (after Terminate, or fatally): finish the WebSocket too, after the data.
    pg.on('close', (hadError) => {
      upstreams.delete(pg);
      toClient.push(() => {
        if (ws.readyState === ws.OPEN) ws.close(hadError ? 1011 : 1000);
      });
    });
    pg.on('error', () => {}); // surfaced to the driver as the 1011 close above
    // The driver went away: half-close so already sent bytes (e.g. Terminate) still arrive.
    ws.on('close', () => {
      stats.close(connection);
      toServer.push(() => {
        pg.end();
        pg.resume(); // a paused socket would never see Postgres' EOF, so it would never close
      });
    });
    ws.on('error', () => pg.destroy());
  }

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      handshakes.add(socket);
      setup.push(() => {
        handshakes.delete(socket);
        if (!socket.destroyed) wss.handleUpgrade(req, socket, head, bridge);
      });
    },
    /** Close frames first: browser-style WebSockets (undici, workerd) report an abrupt drop as an error. */
    async close(): Promise<void> {
      setup.clear();
      for (const socket of handshakes) socket.destroy();
      const closed = [...wss.clients].map((ws) => new Promise((resolve) => ws.once('close', resolve)));
      for (const ws of wss.clients) ws.close(1001, 'gateway shutting down');
      const timer = setTimeout(() => wss.clients.forEach((ws) => ws.terminate()), CLOSE_GRACE_MS);
      await Promise.all(closed);
      clearTimeout(timer);
      for (const pg of upstreams) pg.destroy();
      wss.close();
    },
  };
}
