/**
 * A workload of players through the public API: each registers and logs in, then starts and submits
 * attempts concurrently until stopped. Faults make requests fail; the workload counts every answer by
 * status (network failures as `network`) and carries on, as clients would.
 */
export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export class Tally {
  requests = 0;
  readonly byStatus = new Map<string, number>();
  count(status: number | 'network') {
    this.requests++;
    this.byStatus.set(String(status), (this.byStatus.get(String(status)) ?? 0) + 1);
  }
  /** Non-2xx answers by status, e.g. `{ "503": 12, "network": 1 }`. */
  errors(): Record<string, number> {
    return Object.fromEntries([...this.byStatus].filter(([status]) => !/^2\d\d$/.test(status)).sort());
  }
  submits = 0;
  acceptedSubmits = 0;
}

export function apiClient(baseUrl: string, tally: Tally) {
  return async function call(method: string, path: string, body?: unknown, token?: string): Promise<ApiAnswer> {
    try {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(20_000),
      });
      const text = await res.text();
      tally.count(res.status);
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = text;
      }
      return { status: res.status, json };
    } catch {
      tally.count('network');
      return { status: 0, json: undefined };
    }
  };
}

export type Call = ReturnType<typeof apiClient>;

export interface Player {
  id: string;
  username: string;
  token: string;
}

/** Registers and logs in `count` players (setup: fails on any error, as no fault is injected yet). */
export async function registerPlayers(call: Call, label: string, count: number): Promise<Player[]> {
  const run = `${label}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const username = `${run}_${i}`;
      const password = 'fault-password-123';
      const registered = await call('POST', '/auth/register', { username, email: `${username}@example.test`, password });
      if (registered.status !== 201) throw new Error(`register ${username}: ${registered.status} ${JSON.stringify(registered.json)}`);
      const login = await call('POST', '/auth/login', { username, password });
      if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${JSON.stringify(login.json)}`);
      return { id: registered.json.id as string, username, token: login.json.access_token as string };
    }),
  );
}

export async function challengeIds(call: Call): Promise<string[]> {
  const catalog = await call('GET', '/challenges?limit=100');
  if (catalog.status !== 200) throw new Error(`challenges: ${catalog.status}`);
  return (catalog.json.items as { id: string }[]).map((c) => c.id);
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Each player in a loop: start an attempt on a random challenge, submit it (a random score, passing
 * or not), sometimes submit it twice at once (exactly one wins); `readers` more loops read the board.
 * Runs until `stop()`, which resolves when every loop has finished its current step.
 */
export function runWorkload(call: Call, players: Player[], challenges: string[], tally: Tally, options: { readers?: number } = {}) {
  let running = true;
  const playerLoop = async (player: Player) => {
    while (running) {
      const started = await call('POST', '/attempts', { challenge_id: pick(challenges) }, player.token);
      if (started.status !== 201 && started.status !== 200) {
        await pause(200);
        continue;
      }
      const body = { score: Math.floor(Math.random() * 101), solution: 'fault workload' };
      const submit = () => call('POST', `/attempts/${started.json.id}/submit`, body, player.token);
      const answers = Math.random() < 0.2 ? await Promise.all([submit(), submit()]) : [await submit()];
      tally.submits += answers.length;
      tally.acceptedSubmits += answers.filter((a) => a.status === 202).length;
    }
  };
  const readerLoop = async () => {
    while (running) {
      await call('GET', `/leaderboard?limit=${pick([10, 50, 100])}`);
      if (players.length) await call('GET', `/users/${pick(players).id}/progress`);
      await pause(50);
    }
  };
  const loops = [...players.map(playerLoop), ...Array.from({ length: options.readers ?? 1 }, readerLoop)];
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
