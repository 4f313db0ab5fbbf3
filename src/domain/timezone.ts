/**
 * The canonical IANA name of `zone` ("europe/paris" → "Europe/Paris"), or undefined when the runtime's
 * ICU data does not know it. Streaks are counted in this zone, so only real zones are stored.
 */
export function canonicalTimeZone(zone: string): string | undefined {
  if (!zone || zone.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined; // RangeError: invalid time zone
  }
}
