import type { Services } from '../services';
import type { AwardMessage } from '../queue/messages';
import { awardAttempt } from './award-attempt';
import { logAward, publishAward } from './publish-award';

/** The `award` job: the transaction, then (on every delivery) the boards and the live feed. */
export async function runAward({ attemptId }: AwardMessage, services: Services): Promise<void> {
  // The pool: the award is an interactive transaction, and a batch shares one connection.
  const outcome = await awardAttempt(services.pool, attemptId, services.config.PASS_THRESHOLD);
  if (!outcome) return; // unknown or never-submitted attempt: nothing to award, ever
  if (outcome.newlyAwarded) logAward(outcome);
  await publishAward({ db: services.pool, leaderboard: services.leaderboard, hub: services.hub }, outcome);
}
