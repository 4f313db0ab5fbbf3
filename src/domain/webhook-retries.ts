/**
 * When a failed webhook delivery is tried again: `schedule[n]` seconds after its (n+1)-th failed
 * attempt, until the schedule runs out (then the delivery has failed for good). The default schedule
 * (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) spans about 27 hours over 8 attempts.
 */
export function retryDelayAfter(schedule: readonly number[], attemptsMade: number): number | null {
  return schedule[attemptsMade - 1] ?? null;
}

/** Failed attempts in a row that disable an endpoint: reached now? */
export function shouldDisable(consecutiveFailures: number, limit: number): boolean {
  return consecutiveFailures >= limit;
}

/** Only this much of a receiver's answer is kept in the delivery log. */
export const RESPONSE_EXCERPT_CHARS = 256;

export function responseExcerpt(body: string): string {
  return body.length <= RESPONSE_EXCERPT_CHARS ? body : `${body.slice(0, RESPONSE_EXCERPT_CHARS)}…`;
}
