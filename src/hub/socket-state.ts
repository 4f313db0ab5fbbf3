import type { LeaderboardWindow } from '../domain/leaderboard-window';
import { DEFAULT_BOARD_SIZE, type ServerMessage, type Subscription } from './live-protocol';

/** What the hub remembers per socket; kept as its attachment so it survives hibernation. */
export interface SocketState extends Subscription {
  /** Bad messages received so far (a subscribe past the rate is one). */
  strikes: number;
  /** When (ms) the subscribes of the last second were let through; missing on sockets older than the limit. */
  subscribedAt?: number[];
}

export function readState(ws: WebSocket): SocketState {
  const state = ws.deserializeAttachment() as SocketState | null;
  return state ?? { window: 'all', size: DEFAULT_BOARD_SIZE, strikes: 0 };
}

export function writeState(ws: WebSocket, state: SocketState): void {
  ws.serializeAttachment(state);
}

/** False when the socket is already closing: one dead subscriber is not the others' problem. */
export function send(ws: WebSocket, message: ServerMessage | string): boolean {
  try {
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    return true;
  } catch {
    return false;
  }
}

/** Open sockets by window, then by size: one diff and one JSON text per distinct subscription. */
export function groupBySubscription(all: WebSocket[]): Map<LeaderboardWindow, Map<number, WebSocket[]>> {
  const groups = new Map<LeaderboardWindow, Map<number, WebSocket[]>>();
  for (const ws of all) {
    if (ws.readyState !== WebSocket.OPEN) continue;
    const { window, size } = readState(ws);
    const bySize = groups.get(window) ?? new Map<number, WebSocket[]>();
    groups.set(window, bySize);
    const sockets = bySize.get(size) ?? [];
    bySize.set(size, sockets);
    sockets.push(ws);
  }
  return groups;
}
