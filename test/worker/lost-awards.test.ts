import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { resendLostAwards } from '../../src/awards/resend-unawarded';
import { attempts, deadLetters } from '../../src/db/schema';
import worker from '../../src/index';
import { createQueueSender } from '../../src/services/queue';
import { createChallenge } from './award-helpers';
import { createUser, useAdminAndPlayer } from './helpers';
import { awaitAwards, award, insertSubmittedAttempt, playerState } from './pipeline-helpers';

const { handle } = useAdminAndPlayer();
const MINUTE = 60_000;
/** AWARD_RESEND_AFTER_SECONDS as the test bindings keep it (wrangler.toml's default). */
const RESEND_AFTER_MS = 300 * 1000;

/** One cron tick, as Cloudflare delivers it, to the worker's real scheduled() handler. */
async function tick(at: Date): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** The submission a cut connection leaves behind: committed, but its award was never enqueued. */
async function lostSubmission(userId: string, xp: number, submittedAt: Date): Promise<string> {
  const challenge = await createChallenge(handle, { xp });
  return insertSubmittedAttempt(handle, { userId, challengeId: challenge.id, score: 100, submittedAt });
}

// Each test's clock is a past moment of its own: the sweep looks at every player's attempts, and other
// files' unawarded submissions (made now, or minutes ago) must not be in its range, nor these in theirs.
describe('the cron re-sends awards lost between a submit and its queue message', () => {
  it('a submission unawarded past AWARD_RESEND_AFTER_SECONDS is paid, exactly once over two ticks', async () => {
    const now = new Date('2001-03-05T12:00:00Z');
    const player = await createUser(handle);
    await lostSubmission(player.id, 60, new Date(now.getTime() - RESEND_AFTER_MS - MINUTE));

    // Two ticks before the award lands: the message is sent twice, the award is paid once.
    await tick(now);
    await tick(new Date(now.getTime() + 1000));
    expect(await awaitAwards(handle, player.id, 1)).toMatchObject({ totalXp: 60, ledgerRows: 1, unawarded: 0 });
    // Both deliveries are processed within a batch window (2 s): the ledger still holds one row after it.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await playerState(handle, player.id)).toMatchObject({ totalXp: 60, ledgerRows: 1, xpAwardedSum: 60 });
  });

  it('sends only what is lost: not a recent submission, an awarded or open attempt, nor one on the dead-letter list', async () => {
    const now = new Date('2001-06-07T12:00:00Z');
    const old = new Date(now.getTime() - RESEND_AFTER_MS - MINUTE);
    const player = await createUser(handle);
    const lost = await lostSubmission(player.id, 40, old);
    const recent = await lostSubmission(player.id, 50, new Date(now.getTime() - RESEND_AFTER_MS + MINUTE));
    const deadLettered = await lostSubmission(player.id, 70, old);
    await handle.db.insert(deadLetters).values({ messageId: `lost-${crypto.randomUUID()}`, queue: 'awards', body: award(deadLettered), attempts: 1 });
    const awarded = await lostSubmission(player.id, 80, old);
    await handle.db.update(attempts).set({ awardedAt: old, xpAwarded: 0 }).where(eq(attempts.id, awarded));
    const open = await createChallenge(handle);
    const [started] = await handle.db.insert(attempts).values({ userId: player.id, challengeId: open.id, status: 'started', startedAt: old }).returning();

    const sent = await resendLostAwards(handle.db, createQueueSender(env), { olderThanMs: RESEND_AFTER_MS, now });
    expect(sent).toContain(lost);
    expect(sent).not.toContain(recent);
    expect(sent).not.toContain(deadLettered);
    expect(sent).not.toContain(awarded);
    expect(sent).not.toContain(started!.id);
    expect(await awaitAwards(handle, player.id, 1)).toMatchObject({ totalXp: 40, ledgerRows: 1 });
  });
});
