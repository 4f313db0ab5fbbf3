import net from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export interface PostgresTarget {
  host: string;
  port: number;
}

// Stop reading from Postgres while more than this is queued for the WebSocket, so a
// slow driver (or a huge result set) cannot make the gateway buffer without bound.
const HIGH_WATER = 1024 * 1024;
const CLOSE_GRACE_MS = 1000;

const toBuffer = (data: RawData): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);

/**
 * The Neon serverless driver speaks the plain Postgres wire protocol inside binary
 * WebSocket frames (no pipelining, no TLS with the local neonConfig), so proxying is
 * a byte pipe in each direction.
 *
 * Security: the driver names its target in `?address=host:port` (with a function-valued
 * neonConfig.wsProxy the parameter may be missing altogether). We accept any value and
 * ALWAYS dial the configured Postgres, so the gateway can never be used as an open
 * TCP proxy, and connection strings naming a production host still land locally.
 */
export function createNeonProxy(target: PostgresTarget) {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const upstreams = new Set<net.Socket>();

  function bridge(ws: WebSocket): void {
    const pg = net.connect({ host: target.host, port: target.port });
    pg.setNoDelay(true);
    upstreams.add(pg);

    ws.on('message', (data) => {
      if (!pg.write(toBuffer(data))) ws.pause(); // resume on 'drain' below
    });
    pg.on('drain', () => ws.resume());

    pg.on('data', (chunk) => {
      if (ws.readyState !== ws.OPEN) return; // driver is gone; drain Postgres until it closes
      ws.send(chunk, { binary: true }, () => {
        if (pg.isPaused() && ws.bufferedAmount < HIGH_WATER / 2) pg.resume();
      });
      if (ws.bufferedAmount > HIGH_WATER) pg.pause();
    });

    // Postgres ends the session (after Terminate, or fatally): finish the WebSocket too.
    pg.on('close', (hadError) => {
      upstreams.delete(pg);
      if (ws.readyState === ws.OPEN) ws.close(hadError ? 1011 : 1000);
    });
    pg.on('error', () => {}); // surfaced to the driver as the 1011 close above
    // The driver went away: half-close so already piped bytes (e.g. Terminate) still arrive.
    ws.on('close', () => {
      pg.end();
      pg.resume(); // a paused socket would never see Postgres' EOF, so it would never close
    });
    ws.on('error', () => pg.destroy());
  }

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      wss.handleUpgrade(req, socket, head, bridge);
    },
    /** Close frames first: browser-style WebSockets (undici, workerd) report an abrupt drop as an error. */
    async close(): Promise<void> {
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
