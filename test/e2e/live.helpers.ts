import { inject } from 'vitest';

export const baseUrl = inject('e2eBaseUrl');

export async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as any };
}

/** Registers and logs in a new player through the API; returns its id, name and access token. */
export async function newPlayer(prefix: string) {
  const username = `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const password = 'live-e2e-password';
  const registered = await call('POST', '/auth/register', { username, email: `${username}@example.test`, password });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${JSON.stringify(registered.json)}`);
  const login = await call('POST', '/auth/login', { username, password });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.json)}`);
  return { id: registered.json.id as string, username, password, token: login.json.access_token as string };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Message = any;

/** A real WebSocket client (Node's global WebSocket) that keeps every message it receives. */
export class Subscriber {
  readonly received: Message[] = [];
  readonly opened: Promise<void>;
  private waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  private readonly ws: WebSocket;

  constructor(query: string) {
    this.ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/leaderboard/live${query}`);
    this.opened = new Promise((resolve, reject) => {
      this.ws.addEventListener('open', () => resolve(), { once: true });
      this.ws.addEventListener('error', () => reject(new Error('WebSocket failed to open')), { once: true });
    });
    this.ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data));
      this.received.push(message);
      this.waiters = this.waiters.filter((w) => (w.match(message) ? (w.resolve(message), false) : true));
    });
  }

  next(match: (m: Message) => boolean, timeoutMs = 20_000, what = 'a message'): Promise<Message> {
    const seen = this.received.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  close() {
    this.ws.close(1000, 'done');
  }
}
