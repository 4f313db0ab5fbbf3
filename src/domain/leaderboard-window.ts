export const leaderboardWindows = ['all', 'week', 'month'] as const;
export type LeaderboardWindow = (typeof leaderboardWindows)[number];

/** Start of the UTC week (Monday 00:00) or month containing `at`; null for all-time. */
export function windowStart(window: LeaderboardWindow, at: Date): Date | null {
  if (window === 'all') return null;
  if (window === 'month') return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const day = (at.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - day));
}

/** A stable name for the window containing `at`: 'all', 'week-2026-11-16', 'month-2026-11'. */
export function windowId(window: LeaderboardWindow, at: Date): string {
  const start = windowStart(window, at);
  if (!start) return 'all';
  const iso = start.toISOString();
  return window === 'month' ? `month-${iso.slice(0, 7)}` : `week-${iso.slice(0, 10)}`;
}
