import { leaderboardScore, xpFromScore } from '../../domain/leaderboard-score';
import { leaderboardWindows, windowId, type LeaderboardWindow } from '../../domain/leaderboard-window';
import type { Redis } from '../redis';
import { playersKey, setPlayers, withDisplay, type PlayerDisplay } from './players';

export interface WindowTotal {
  window: LeaderboardWindow;
  xp: number;
  reachedAt: Date;
}

/** A player's total in one window; rebuilds add the display fields when their SQL read them. */
export interface BoardTotal {
  userId: string;
  xp: number;
  reachedAt: Date;
  username?: string;
  level?: number;
}

/** One player's absolute totals in every window, and what their row shows. */
export interface PlayerTotals {
  userId: string;
  totals: WindowTotal[];
  /** Which week and month the totals are of (the award's time); the batch's time when absent. */
  at?: Date;
  player: PlayerDisplay;
}

export type WindowRanks = Record<LeaderboardWindow, number | null>;

export interface RankedScore {
  userId: string;
  xp: number;
  rank: number;
}

/** The Redis sorted-set boards. Redis is a cache: every board can be rebuilt from Postgres. */
export interface Leaderboard {
  /** ZADD GT of absolute totals: a replayed or older total can never lower or skew a board. */
  record(userId: string, totals: WindowTotal[], at: Date): Promise<void>;
  /** record() for many players and their display fields, in one MULTI (a queue batch's awards). */
  recordMany(entries: PlayerTotals[], at: Date): Promise<void>;
  /** Players ranked `offset+1 … offset+count` (1-based ranks). */
  range(window: LeaderboardWindow, offset: number, count: number, at: Date): Promise<RankedScore[]>;
  rank(window: LeaderboardWindow, userId: string, at: Date): Promise<number | null>;
  /** Every window's 1-based rank (null: unranked) of each player, in one pipelined request. */
  ranks(userIds: string[], at: Date): Promise<Map<string, WindowRanks>>;
  size(window: LeaderboardWindow, at: Date): Promise<number>;
  /** ZADD GT of many players' absolute totals in one window (a rebuild catching up with awards). */
  merge(window: LeaderboardWindow, totals: BoardTotal[], at: Date): Promise<void>;
  /** Replaces a whole board atomically (rebuilds); display fields given with the totals are written too. */
  replace(window: LeaderboardWindow, totals: BoardTotal[], at: Date): Promise<void>;
}

// Past windows only matter while people still look at them.
const TTL_SECONDS: Record<LeaderboardWindow, number | null> = { all: null, week: 15 * 86_400, month: 70 * 86_400 };

export function leaderboardKey(prefix: string, window: LeaderboardWindow, at: Date): string {
  return `${prefix}:lb:${windowId(window, at)}`;
}

/**
 * Set by a rebuild beside the board it wrote: "this board holds every player". Awards only add to a
 * board, so after Redis lost its data (a restart, a flush) one award would leave a board of one player
 * that looks whole; without this key readers know it is not, and rebuild it.
 */
export function completeKey(prefix: string, window: LeaderboardWindow, at: Date): string {
  return `${leaderboardKey(prefix, window, at)}:complete`;
}

export function createLeaderboard(redis: Redis, prefix: string): Leaderboard {
  const key = (window: LeaderboardWindow, at: Date) => leaderboardKey(prefix, window, at);
  const players = playersKey(prefix);
  const expire = (pipe: ReturnType<Redis['multi']>, window: LeaderboardWindow, at: Date) => {
    const ttl = TTL_SECONDS[window];
    if (ttl) pipe.expire(key(window, at), ttl);
  };
  const markComplete = (pipe: ReturnType<Redis['multi']>, window: LeaderboardWindow, at: Date) => {
    const ttl = TTL_SECONDS[window];
    if (ttl) pipe.set(completeKey(prefix, window, at), 1, { ex: ttl });
    else pipe.set(completeKey(prefix, window, at), 1);
  };

  return {
    async record(userId, totals, at) {
      const positive = totals.filter((t) => t.xp > 0);
      if (positive.length === 0) return;
      const tx = redis.multi();
      for (const total of positive) {
        tx.zadd(key(total.window, at), { gt: true }, { score: leaderboardScore(total.xp, total.reachedAt), member: userId });
        expire(tx, total.window, at);
      }
      await tx.exec();
    },

    async recordMany(entries, at) {
      if (entries.length === 0) return;
      const tx = redis.multi();
      const touched = new Map<string, { window: LeaderboardWindow; at: Date }>();
      for (const { userId, totals, at: totalsAt = at } of entries) {
        for (const total of totals.filter((t) => t.xp > 0)) {
          tx.zadd(key(total.window, totalsAt), { gt: true }, { score: leaderboardScore(total.xp, total.reachedAt), member: userId });
          touched.set(key(total.window, totalsAt), { window: total.window, at: totalsAt });
        }
      }
      for (const { window, at: boardAt } of touched.values()) expire(tx, window, boardAt);
      setPlayers(tx, players, entries.map(({ userId, player }) => ({ userId, ...player })));
      await tx.exec();
    },

    async range(window, offset, count, at) {
      if (count <= 0) return [];
      const flat = await redis.zrange<(string | number)[]>(key(window, at), offset, offset + count - 1, { rev: true, withScores: true });
      const entries: RankedScore[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        entries.push({ userId: String(flat[i]), xp: xpFromScore(Number(flat[i + 1])), rank: offset + i / 2 + 1 });
      }
      return entries;
    },

    async rank(window, userId, at) {
      const rank = await redis.zrevrank(key(window, at), userId);
      return rank === null ? null : rank + 1;
    },

    async ranks(userIds, at) {
      const ids = [...new Set(userIds)];
      const ranks = new Map<string, WindowRanks>();
      if (ids.length === 0) return ranks;
      const pipe = redis.pipeline();
      for (const userId of ids) for (const window of leaderboardWindows) pipe.zrevrank(key(window, at), userId);
      const replies = await pipe.exec<(number | null)[]>();
      ids.forEach((userId, i) => {
        const mine = leaderboardWindows.map((window, w) => [window, rankOf(replies[i * leaderboardWindows.length + w])] as const);
        ranks.set(userId, Object.fromEntries(mine) as WindowRanks);
      });
      return ranks;
    },

    size: (window, at) => redis.zcard(key(window, at)),

    async merge(window, totals, at) {
      const members = scored(totals);
      if (members.length === 0) return;
      const tx = redis.multi();
      addInChunks(tx, key(window, at), members, true);
      expire(tx, window, at);
      setPlayers(tx, players, withDisplay(totals));
      await tx.exec();
    },

    async replace(window, totals, at) {
      const tx = redis.multi();
      tx.del(key(window, at));
      addInChunks(tx, key(window, at), scored(totals), false);
      expire(tx, window, at);
      markComplete(tx, window, at);
      setPlayers(tx, players, withDisplay(totals));
      await tx.exec();
    },
  };
}

const rankOf = (reply: number | null | undefined) => (reply === null || reply === undefined ? null : reply + 1);

function scored(totals: BoardTotal[]) {
  return totals.filter((t) => t.xp > 0).map((t) => ({ score: leaderboardScore(t.xp, t.reachedAt), member: t.userId }));
}

type Member = ReturnType<typeof scored>[number];

/** ZADD in chunks of 500 members, so a large board never becomes one oversized command. */
function addInChunks(tx: ReturnType<Redis['multi']>, key: string, members: Member[], onlyGreater: boolean) {
  for (let i = 0; i < members.length; i += 500) {
    const [first, ...rest] = members.slice(i, i + 500);
    if (!first) continue;
    if (onlyGreater) tx.zadd(key, { gt: true }, first, ...rest);
    else tx.zadd(key, first, ...rest);
  }
}
