import { z } from 'zod';
import { leaderboardWindows, type LeaderboardWindow } from '../domain/leaderboard-window';

/** The live leaderboard's WebSocket protocol, version 1 (docs/live-protocol.md describes it for clients). */
export const PROTOCOL_VERSION = 1;
export const MAX_BOARD_SIZE = 100;
export const DEFAULT_BOARD_SIZE = 10;
export const MAX_CLIENT_MESSAGE_BYTES = 4 * 1024;
/** More bad messages than this from one socket and it is closed with CLOSE_POLICY_VIOLATION. */
export const MAX_BAD_MESSAGES = 20;
export const CLOSE_POLICY_VIOLATION = 1008;
/** The hub's answer to a connect past the cap (its 503 means the board could not be read); the worker answers 503. */
export const HUB_FULL_STATUS = 429;
/** The hub's answer to a connect past the per-client cap; the worker answers 429 (the client can fix it, not us). */
export const CLIENT_FULL_STATUS = 403;
/** The worker tells the hub who connects (CF-Connecting-IP), always setting it itself: a client can't choose it. */
export const CLIENT_ADDRESS_HEADER = 'X-Live-Client-Address';
/** Answered by the runtime itself, without waking a hibernating hub; the text must match exactly. */
export const PING_TEXT = '{"type":"ping"}';
export const PONG_TEXT = '{"type":"pong"}';

export interface Subscription {
  window: LeaderboardWindow;
  size: number;
}

export interface BoardEntry {
  rank: number;
  user_id: string;
  username: string;
  total_xp: number;
  level: number;
}

export interface SnapshotMessage {
  v: 1;
  type: 'snapshot';
  window: LeaderboardWindow;
  size: number;
  entries: BoardEntry[];
}

export interface UpdateMessage {
  v: 1;
  type: 'update';
  window: LeaderboardWindow;
  /** Rows of the subscriber's top-N that are new or changed (rank, XP or level). */
  entries: BoardEntry[];
  /** Players pushed out of the subscriber's top-N. */
  removed: string[];
  /**
   * Every award since the previous update, in the order they committed: a burst of awards is one
   * update. Sent even for players outside the subscriber's top-N.
   */
  awards: AwardEntry[];
  /** The last of `awards`, as the update's first form described its one award. */
  award: { user_id: string; username: string; xp_awarded: number; total_xp: number; level: number };
  /** The last award's level-up, when it made one. */
  level_up?: { user_id: string; username: string; level: number };
  /** The last award's badges, when it earned any. */
  badges?: { user_id: string; username: string; badge_id: string; name: string }[];
}

/** One award in an update: who earned what, whether it raised their level, which badges came with it. */
export interface AwardEntry {
  user_id: string;
  username: string;
  xp_awarded: number;
  total_xp: number;
  level: number;
  level_up: boolean;
  badges: { badge_id: string; name: string }[];
}

export type ErrorCode = 'bad_json' | 'unknown_type' | 'invalid_message' | 'too_large' | 'unsupported_data' | 'unavailable' | 'rate_limited';

export interface ErrorMessage {
  v: 1;
  type: 'error';
  code: ErrorCode;
  message: string;
}

export interface PongMessage {
  v: 1;
  type: 'pong';
}

export type ServerMessage = SnapshotMessage | UpdateMessage | ErrorMessage | PongMessage;

export const SubscriptionSchema = z.object({
  window: z.enum(leaderboardWindows).default('all'),
  size: z.number().int().min(1).max(MAX_BOARD_SIZE).default(DEFAULT_BOARD_SIZE),
});

const version = z.literal(PROTOCOL_VERSION).optional();

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ v: version, type: z.literal('subscribe'), ...SubscriptionSchema.shape }),
  z.strictObject({ v: version, type: z.literal('ping') }),
]);

export type ClientMessage = z.infer<typeof ClientMessageSchema>;

const clientTypes = new Set(['subscribe', 'ping']);

export type ParsedClientMessage = { ok: true; message: ClientMessage } | { ok: false; error: ErrorMessage };

function reject(code: ErrorCode, message: string): ParsedClientMessage {
  return { ok: false, error: { v: PROTOCOL_VERSION, type: 'error', code, message } };
}

/** Never throws: every frame a client can send maps to a message or to an error to send back. */
export function parseClientMessage(data: string | ArrayBuffer): ParsedClientMessage {
  if (typeof data !== 'string') return reject('unsupported_data', 'Send JSON text frames, not binary');
  // Characters never outnumber UTF-8 bytes, so the cheap check first.
  if (data.length > MAX_CLIENT_MESSAGE_BYTES || new TextEncoder().encode(data).byteLength > MAX_CLIENT_MESSAGE_BYTES) {
    return reject('too_large', `Messages are at most ${MAX_CLIENT_MESSAGE_BYTES} bytes`);
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return reject('bad_json', 'Message is not valid JSON');
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof json !== 'object' || json === null || typeof type !== 'string' || !clientTypes.has(type)) {
    return reject('unknown_type', 'Message type must be "subscribe" or "ping"');
  }
  const parsed = ClientMessageSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`);
    return reject('invalid_message', fields.join('; '));
  }
  return { ok: true, message: parsed.data };
}
