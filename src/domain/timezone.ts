// Every IANA zone name starts with a letter. The runtime also accepts UTC offsets ("+14:00"), which
// Postgres reads as POSIX zones with the opposite sign: streak days would come out a day off.
const IANA_NAME = /^[A-Za-z]/;

/**
 * The canonical IANA name of `zone` ("europe/paris" → "Europe/Paris"), or undefined when the runtime's
 * ICU data does not know it or it is a UTC offset rather than a zone name. Streaks are counted in this
 * zone, by the runtime and by Postgres, so only names both read the same way are stored. (Etc/GMT+2
 * is UTC−2 by IANA's design, in both.)
 */
export function canonicalTimeZone(zone: string): string | undefined {
  if (!zone || zone.length > 64) return undefined;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat(undefined, { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined; // RangeError: invalid time zone
  }
  return IANA_NAME.test(zone) && IANA_NAME.test(canonical) ? canonical : undefined;
}
