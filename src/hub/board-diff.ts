import type { LeaderboardWindow } from '../domain/leaderboard-window';
import type { AwardUpdate } from '../services/hub';
import { PROTOCOL_VERSION, type BoardEntry, type SnapshotMessage, type Subscription, type UpdateMessage } from './live-protocol';

export interface BoardChange {
  entries: BoardEntry[];
  removed: string[];
}

function sameEntry(a: BoardEntry | undefined, b: BoardEntry): boolean {
  return a !== undefined && a.rank === b.rank && a.total_xp === b.total_xp && a.level === b.level && a.username === b.username;
}

/** What changed in the top `size` rows: rows new or different, and players no longer in it. */
export function diffBoard(previous: BoardEntry[] | undefined, next: BoardEntry[], size: number): BoardChange {
  const before = new Map((previous ?? []).slice(0, size).map((entry) => [entry.user_id, entry]));
  const after = next.slice(0, size);
  const kept = new Set(after.map((entry) => entry.user_id));
  return {
    entries: after.filter((entry) => !sameEntry(before.get(entry.user_id), entry)),
    removed: [...before.keys()].filter((userId) => !kept.has(userId)),
  };
}

export function snapshotMessage({ window, size }: Subscription, board: BoardEntry[]): SnapshotMessage {
  return { v: PROTOCOL_VERSION, type: 'snapshot', window, size, entries: board.slice(0, size) };
}

export function updateMessage(award: AwardUpdate, window: LeaderboardWindow, change: BoardChange): UpdateMessage {
  const player = { user_id: award.user_id, username: award.username };
  return {
    v: PROTOCOL_VERSION,
    type: 'update',
    window,
    entries: change.entries,
    removed: change.removed,
    award: { ...player, xp_awarded: award.xp_awarded, total_xp: award.total_xp, level: award.level },
    ...(award.level_up ? { level_up: { ...player, level: award.level } } : {}),
    ...(award.badges.length > 0 ? { badges: award.badges.map((b) => ({ ...player, badge_id: b.id, name: b.name })) } : {}),
  };
}
