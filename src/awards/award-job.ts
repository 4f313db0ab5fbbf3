import type { Services } from '../services';
import type { AwardMessage } from '../queue/messages';
import { awardAttempts, type AwardOutcome } from './award-attempt';
import { logAward } from './publish-award';

/**
 * The `award` job's transaction, for a batch's awards at once. Their outcomes are published with the
 * rest of the queue batch (`publishAwards`), on every delivery; null: an unknown or never-submitted
 * attempt, nothing to award, ever.
 */
export async function runAwards(messages: AwardMessage[], services: Pick<Services, 'pool' | 'config'>): Promise<Map<string, AwardOutcome | null>> {
  // The pool: the award is an interactive transaction, and a batch shares one connection.
  const outcomes = await awardAttempts(services.pool, messages.map((m) => m.attemptId), services.config.PASS_THRESHOLD);
  for (const outcome of outcomes.values()) if (outcome?.newlyAwarded) logAward(outcome);
  return outcomes;
}
