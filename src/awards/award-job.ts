import type { Services } from '../services';
import type { AwardMessage } from '../queue/messages';
import { awardAttempt, type AwardOutcome } from './award-attempt';
import { logAward } from './publish-award';

/**
 * The `award` job's transaction. Its outcome is published with the rest of the queue batch
 * (`publishAwards`), on every delivery; null: an unknown or never-submitted attempt, nothing to award, ever.
 */
export async function runAward({ attemptId }: AwardMessage, services: Pick<Services, 'pool' | 'config'>): Promise<AwardOutcome | null> {
  // The pool: the award is an interactive transaction, and a batch shares one connection.
  const outcome = await awardAttempt(services.pool, attemptId, services.config.PASS_THRESHOLD);
  if (outcome?.newlyAwarded) logAward(outcome);
  return outcome;
}
