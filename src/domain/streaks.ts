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

/** Today's date in a timezone, as 'YYYY-MM-DD'. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
