import type { LeaderboardWindow } from '../domain/leaderboard-window';
import type { AwardUpdate } from '../services/hub';
import { PROTOCOL_VERSION, type AwardEntry, type BoardEntry, type SnapshotMessage, type Subscription, type UpdateMessage } from './live-protocol';

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

/** One update for a batch of awards: the board's changes, every award, and the last one in the first form's fields. */
export function updateMessage(awards: AwardUpdate[], window: LeaderboardWindow, change: BoardChange): UpdateMessage {
  const last = awards.at(-1);
  if (!last) throw new Error('an update needs at least one award');
  const player = { user_id: last.user_id, username: last.username };
  return {
    v: PROTOCOL_VERSION,
    type: 'update',
    window,
    entries: change.entries,
    removed: change.removed,
    awards: awards.map(awardEntry),
    award: { ...player, xp_awarded: last.xp_awarded, total_xp: last.total_xp, level: last.level },
    ...(last.level_up ? { level_up: { ...player, level: last.level } } : {}),
    ...(last.badges.length > 0 ? { badges: last.badges.map((b) => ({ ...player, badge_id: b.id, name: b.name })) } : {}),
  };
}

function awardEntry(award: AwardUpdate): AwardEntry {
  return {
    user_id: award.user_id,
    username: award.username,
    xp_awarded: award.xp_awarded,
    total_xp: award.total_xp,
    level: award.level,
    level_up: award.level_up,
    badges: award.badges.map((b) => ({ badge_id: b.id, name: b.name })),
  };
}
