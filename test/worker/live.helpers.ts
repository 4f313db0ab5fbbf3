import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { ServerMessage } from '../../src/hub/live-protocol';
import { BASE } from './helpers';

type Predicate<T> = (message: T) => boolean;

/** A WebSocket client inside workerd that keeps every message, so a test can wait for the one it needs. */
export class LiveClient {
  readonly received: unknown[] = [];
  readonly closed: Promise<CloseEvent>;
  private waiters: { match: Predicate<unknown>; resolve: (m: unknown) => void }[] = [];

  constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.addEventListener('close', resolve));
    ws.addEventListener('message', (event) => {
      const message = typeof event.data === 'string' ? safeJson(event.data) : event.data;
      this.received.push(message);
      this.waiters = this.waiters.filter((w) => (w.match(message) ? (w.resolve(message), false) : true));
    });
    ws.accept();
  }

  /** The first message (already received or still to come) that matches. */
  next<T = ServerMessage>(match: Predicate<T>, timeoutMs = 10_000, what = 'a message'): Promise<T> {
    const seen = this.received.find((m) => match(m as T));
    if (seen !== undefined) return Promise.resolve(seen as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.received)}`)), timeoutMs);
      this.waiters.push({ match: match as Predicate<unknown>, resolve: (m) => (clearTimeout(timer), resolve(m as T)) });
    });
  }

  /** Sends and waits for the next message of a type that arrives after this call. */
  async ask<T = ServerMessage>(data: string | ArrayBuffer, type: string): Promise<T> {
    const from = this.received.length;
    const reply = this.next<T>((m) => (m as { type?: string }).type === type && this.received.indexOf(m) >= from, 10_000, type);
    this.ws.send(data);
    return reply;
  }

  close() {
    try {
      this.ws.close(1000, 'done');
    } catch {
      // already closed
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A client address of its own for each socket, as if each were a different browser (10.0.0.0/8). */
export function randomAddress(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

/** The upgrade request to /leaderboard/live through the worker's fetch handler, from `address`. */
export function upgradeLive(query = '', address = randomAddress()): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}/leaderboard/live${query}`, { headers: { Upgrade: 'websocket', 'CF-Connecting-IP': address } }));
}

/** Opens /leaderboard/live through the worker's fetch handler, as a browser would. */
export async function connectLive(query = '', address = randomAddress()): Promise<LiveClient> {
  const res = await upgradeLive(query, address);
  expect(res.status).toBe(101);
  expect(res.webSocket).toBeTruthy();
  return new LiveClient(res.webSocket!);
}
