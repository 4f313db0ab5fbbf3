import type { LeaderboardWindow } from '../../domain/leaderboard-window';
import { xpFromScore } from '../../domain/leaderboard-score';
import type { Redis } from '../redis';
import { completeKey, leaderboardKey } from './boards';
import { playersKey, type PlayerDisplay } from './players';

export interface BoardRow {
  rank: number;
  userId: string;
  xp: number;
  /** Undefined when the board has the player but the display fields are missing (a rebuild fills them). */
  player?: PlayerDisplay;
}

/** A page of a board, or around one member: `{size: 0}` alone when the board is empty (lost, or no XP yet). */
export interface BoardPage {
  size: number;
  /** 1-based rank of the member asked about (around), null if unranked. */
  rank: number | null;
  rows: BoardRow[];
  /** Marked complete by a rebuild (see completeKey); if not, the reader rebuilds it before trusting it. */
  complete: boolean;
}

// Both scripts answer in one round trip what would otherwise take three (ZCARD, ZREVRANGE, HMGET).
const PAGE_TAIL = `
local flat = redis.call('ZREVRANGE', KEYS[1], start, stop, 'WITHSCORES')
local ids = {}
for i = 1, #flat, 2 do ids[#ids + 1] = flat[i] end
local cards = {}
if #ids > 0 then cards = redis.call('HMGET', KEYS[2], unpack(ids)) end
return {size, rank, start, flat, cards, complete}`;

// Read-only, touching only the KEYS it is given: Upstash then takes shared read locks on those keys
// instead of its global script lock, so concurrent board reads do not wait for each other. (Redis itself
// knows no allow-key-locking; the local gateway drops that flag, as for @upstash/ratelimit's scripts.)
const SHEBANG = '#!lua flags=no-writes,allow-key-locking';

// KEYS: the board, the players hash, the board's complete mark (see completeKey).
const TOP_SCRIPT = `${SHEBANG}
local size = redis.call('ZCARD', KEYS[1])
if size == 0 then return {0} end
local complete = redis.call('EXISTS', KEYS[3])
local rank = -1
local start = tonumber(ARGV[1])
local stop = tonumber(ARGV[2])
${PAGE_TAIL}`;

const AROUND_SCRIPT = `${SHEBANG}
local size = redis.call('ZCARD', KEYS[1])
if size == 0 then return {0} end
local complete = redis.call('EXISTS', KEYS[3])
local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
if not rank then return {size, -1, 0, {}, {}, complete} end
local radius = tonumber(ARGV[2])
local start = math.max(0, rank - radius)
local stop = rank + radius
${PAGE_TAIL}`;

type ScriptReply = [number, number?, number?, (string | number)[]?, (string | null)[]?, number?];

function toPage(reply: ScriptReply): BoardPage {
  const [size, rank = -1, start = 0, flat = [], cards = [], complete = 0] = reply;
  const rows: BoardRow[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const card = cards[i / 2];
    rows.push({
      rank: start + i / 2 + 1,
      userId: String(flat[i]),
      xp: xpFromScore(Number(flat[i + 1])),
      player: card ? parseCard(card) : undefined,
    });
  }
  return { size: Number(size), rank: rank >= 0 ? rank + 1 : null, rows, complete: complete === 1 };
}

/** A display card as stored (JSON text: the reads use a client that leaves replies unparsed). */
function parseCard(card: string): PlayerDisplay | undefined {
  try {
    const value = JSON.parse(card) as Partial<PlayerDisplay>;
    return typeof value.username === 'string' && typeof value.level === 'number' ? { username: value.username, level: value.level } : undefined;
  } catch {
    return undefined;
  }
}

const readOnlyScript = (redis: Redis, script: string) => redis.createScript<ScriptReply, true>(script, { readonly: true });
type BoardScripts = Record<'top' | 'around', ReturnType<typeof readOnlyScript>>;
const scriptsByClient = new WeakMap<Redis, BoardScripts>();

/**
 * The scripts, once per client: each call sends EVALSHA_RO, their SHA-1 rather than their text (the text
 * goes once more only if Redis answers NOSCRIPT), and read-only scripts may be served by a read replica.
 */
function boardScripts(redis: Redis): BoardScripts {
  let scripts = scriptsByClient.get(redis);
  if (!scripts) {
    scripts = { top: readOnlyScript(redis, TOP_SCRIPT), around: readOnlyScript(redis, AROUND_SCRIPT) };
    scriptsByClient.set(redis, scripts);
  }
  return scripts;
}

export function createBoardReads(redis: Redis, prefix: string) {
  const keys = (window: LeaderboardWindow, at: Date) => [leaderboardKey(prefix, window, at), playersKey(prefix), completeKey(prefix, window, at)];
  const scripts = boardScripts(redis);
  return {
    /** Ranks `offset+1 … offset+count` with their display fields: one round trip. */
    async page(window: LeaderboardWindow, offset: number, count: number, at: Date): Promise<BoardPage> {
      return toPage(await scripts.top.exec(keys(window, at), [String(offset), String(offset + count - 1)]));
    },
    /** A member's rank and the `radius` players either side of it: one round trip. */
    async around(window: LeaderboardWindow, userId: string, radius: number, at: Date): Promise<BoardPage> {
      return toPage(await scripts.around.exec(keys(window, at), [userId, String(radius)]));
    },
    /** A member's rank (null if unranked), the board's size and its complete mark, pipelined: one round trip. */
    async rank(window: LeaderboardWindow, userId: string, at: Date): Promise<Omit<BoardPage, 'rows'>> {
      const key = leaderboardKey(prefix, window, at);
      const pipe = redis.pipeline().zcard(key).zrevrank(key, userId).exists(completeKey(prefix, window, at));
      const [size, rank, complete] = await pipe.exec<[number, number | null, number]>();
      return { size, rank: rank === null ? null : rank + 1, complete: complete === 1 };
    },
  };
}

export type BoardReads = ReturnType<typeof createBoardReads>;
