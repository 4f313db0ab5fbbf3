import type { LeaderboardWindow } from '../domain/leaderboard-window';
import { configFromEnv } from '../lib/config';
import { createServices } from '../services';
import { readTop } from '../services/leaderboard/reader';
import { MAX_BOARD_SIZE, type BoardEntry } from './live-protocol';

export type BoardReader = (windows: LeaderboardWindow[]) => Promise<Map<LeaderboardWindow, BoardEntry[]>>;

/** The hub serves no request, so it opens its own short-lived services for each read. */
export function boardReader(env: Env): BoardReader {
  return async (windows) => {
    const scope = createServices(configFromEnv(env), env);
    try {
      const now = new Date();
      const boards = await Promise.all(
        windows.map(async (window) => {
          const { entries } = await readTop(scope.services, window, 0, MAX_BOARD_SIZE, now);
          return [window, entries] as const;
        }),
      );
      return new Map(boards);
    } finally {
      await scope.dispose();
    }
  };
}

/** A reconnect storm reads each board once, not once per socket. */
const SNAPSHOT_MAX_AGE_MS = 5_000;
const storageKey = (window: LeaderboardWindow) => `board:${window}`;

interface Cached {
  entries: BoardEntry[];
  readAt: number;
  sequence: number;
}

export interface BoardChanges {
  previous: BoardEntry[] | undefined;
  next: BoardEntry[];
}

/**
 * The top MAX_BOARD_SIZE of each watched window, as subscribers last saw it. Snapshots are
 * sliced from it; updates are diffed against it. It is also kept in the hub's storage, so the
 * diff survives hibernation (which drops memory but keeps the sockets).
 */
export class BoardCache {
  private readonly boards = new Map<LeaderboardWindow, Cached>();
  private readonly reading = new Map<LeaderboardWindow, Promise<BoardEntry[]>>();
  private sequence = 0;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly read: BoardReader,
  ) {}

  /** A board read in the last few seconds, or a fresh read shared by everyone asking meanwhile. */
  async snapshot(window: LeaderboardWindow): Promise<BoardEntry[]> {
    const cached = this.boards.get(window);
    if (cached && Date.now() - cached.readAt < SNAPSHOT_MAX_AGE_MS) return cached.entries;
    let pending = this.reading.get(window);
    if (!pending) {
      pending = this.load([window])
        .then((boards) => boards.get(window) ?? [])
        .finally(() => this.reading.delete(window));
      this.reading.set(window, pending);
    }
    return pending;
  }

  /** After an award: each board as subscribers last saw it, and as it is now. */
  async reload(windows: LeaderboardWindow[]): Promise<Map<LeaderboardWindow, BoardChanges>> {
    const previous = new Map<LeaderboardWindow, BoardEntry[] | undefined>();
    for (const window of windows) {
      previous.set(window, this.boards.get(window)?.entries ?? (await this.storage.get<BoardEntry[]>(storageKey(window))));
    }
    const next = await this.load(windows);
    return new Map(windows.map((window) => [window, { previous: previous.get(window), next: next.get(window) ?? [] }]));
  }

  /** Boards nobody watches go stale with every award; the next subscriber reads them afresh. */
  keepOnly(windows: LeaderboardWindow[]): void {
    for (const window of this.boards.keys()) if (!windows.includes(window)) this.boards.delete(window);
  }

  private async load(windows: LeaderboardWindow[]): Promise<Map<LeaderboardWindow, BoardEntry[]>> {
    const sequence = ++this.sequence;
    const boards = await this.read(windows);
    const current = new Map<LeaderboardWindow, BoardEntry[]>();
    for (const [window, entries] of boards) {
      const cached = this.boards.get(window);
      // A slow read that began before a newer one finished must not replace it.
      if (cached && cached.sequence > sequence) {
        current.set(window, cached.entries);
        continue;
      }
      this.boards.set(window, { entries, readAt: Date.now(), sequence });
      await this.storage.put(storageKey(window), entries);
      current.set(window, entries);
    }
    return current;
  }
}
