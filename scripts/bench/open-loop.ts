/** Sends one submit per prepared attempt at a fixed rate, whether or not earlier ones have answered. */
import type { Api, StartedAttempt } from './api.ts';
import { sleep } from './stats.ts';

export interface OpenLoopResult {
  /** performance.now() when submit k was sent / answered 202 (undefined if it failed). */
  sentAt: number[];
  acceptedAt: (number | undefined)[];
  /** HTTP status and error message (or network error) → count. */
  failures: Record<string, number>;
  achievedRate: number;
}

export async function submitAtRate(api: Api, attempts: StartedAttempt[], rate: number, started = performance.now()): Promise<OpenLoopResult> {
  const sentAt: number[] = [];
  const acceptedAt: (number | undefined)[] = [];
  const failures: Record<string, number> = {};
  const inFlight: Promise<void>[] = [];
  for (const [k, attempt] of attempts.entries()) {
    const wait = started + (k * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    sentAt[k] = performance.now();
    const submit = api.call('POST', `/attempts/${attempt.id}/submit`, { body: { score: 100 }, token: attempt.player.token });
    inFlight.push(
      submit.then(
        () => void (acceptedAt[k] = performance.now()),
        (err: unknown) => {
          const reason = failureReason(err);
          failures[reason] = (failures[reason] ?? 0) + 1;
        },
      ),
    );
  }
  const achievedRate = attempts.length / ((performance.now() - started) / 1000);
  await Promise.all(inFlight);
  return { sentAt, acceptedAt, failures, achievedRate };
}

/** "503 service_unavailable: Rate limiter unavailable", "fetch failed: other side closed", … */
function failureReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const http = /: (\d{3}) .*?"code":"([a-z_]+)","message":"([^"]{0,60})/.exec(message);
  if (http) return `${http[1]} ${http[2]}: ${http[3]}`;
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${message.slice(0, 60)}${cause}`;
}
