/**
 * Streaks over calendar days in the player's own timezone. Input: the distinct local dates
 * ('YYYY-MM-DD') on which the player passed at least one challenge. Day arithmetic is done on the
 * dates themselves, so a 23- or 25-hour day around a DST change is still one day.
 */
const MS_PER_DAY = 86_400_000;

export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / MS_PER_DAY);
}

function sortedDays(dates: readonly string[]): number[] {
  return [...new Set(dates.map(dayNumber))].sort((a, b) => a - b);
}

/** The longest run of consecutive days. */
export function longestStreak(dates: readonly string[]): number {
  const days = sortedDays(dates);
  let best = 0;
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && days[i] === (days[i - 1] ?? 0) + 1 ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

/** The run that ends today or yesterday (a streak is still alive until a whole day is missed). */
export function currentStreak(dates: readonly string[], today: string): number {
  const days = sortedDays(dates);
  const last = days.at(-1);
  const todayNumber = dayNumber(today);
  if (last === undefined || todayNumber - last > 1) return 0;
  let run = 1;
  for (let i = days.length - 1; i > 0 && days[i] === (days[i - 1] ?? 0) + 1; i--) run++;
  return run;
}

/** A player's streak as kept with the player (player_stats), so reading it never scans their history. */
export interface StreakState {
  /** The run of consecutive days that ends on `lastDay`. */
  current: number;
  longest: number;
  lastDay: string | null;
}

export const NO_STREAK: StreakState = { current: 0, longest: 0, lastDay: null };

/**
 * Adds a pass day in O(1) when it is not older than the last one (the common case: awards arrive
 * roughly in order). An older day — an award delivered late — may extend or bridge any run, so the
 * answer is null: the caller recounts from every pass day with `streakOfDays`.
 */
export function extendStreak(state: StreakState, day: string): StreakState | null {
  if (state.lastDay === null) return { current: 1, longest: Math.max(state.longest, 1), lastDay: day };
  const gap = dayNumber(day) - dayNumber(state.lastDay);
  if (gap < 0) return null;
  if (gap === 0) return state;
  const current = gap === 1 ? state.current + 1 : 1;
  return { current, longest: Math.max(state.longest, current), lastDay: day };
}

/** The streak of a set of pass days, counted from scratch. */
export function streakOfDays(dates: readonly string[]): StreakState {
  const days = sortedDays(dates);
  const last = days.at(-1);
  if (last === undefined) return NO_STREAK;
  const lastDay = new Date(last * MS_PER_DAY).toISOString().slice(0, 10);
  return { current: currentStreak(dates, lastDay), longest: longestStreak(dates), lastDay };
}

/** The kept run as seen on `today`: still alive until a whole day is missed, as `currentStreak`. */
export function liveStreak(state: Pick<StreakState, 'current' | 'lastDay'>, today: string): number {
  if (state.lastDay === null || dayNumber(today) - dayNumber(state.lastDay) > 1) return 0;
  return state.current;
}

/**
 * One formatter per timezone for the isolate's life: building one costs more than the rest of a progress
 * read (ICU loads the zone's rules), formatting with it almost nothing. Stored zones are canonical IANA
 * names (timezone.ts), a few hundred at most; a name the runtime refuses throws before it is kept.
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 1_000;

/** Today's date in a timezone, as 'YYYY-MM-DD'. */
export function localDate(instant: Date, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dayFormatters.size >= MAX_FORMATTERS) dayFormatters.clear();
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}
