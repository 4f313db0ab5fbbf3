import { configFromEnv } from '../lib/config';
import { describeError, log } from '../lib/logger';
import { createServices } from '../services';
import { resendLostAwards } from './resend-unawarded';

/**
 * The worker's cron (wrangler.toml [triggers], every minute): sends again the awards lost between a
 * submit's write and its queue message. The tick's scheduled time is the sweep's clock.
 */
export async function sweepLostAwards(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  const config = configFromEnv(env);
  const scope = createServices(config, env, { poolSize: 1 });
  try {
    const resent = await resendLostAwards(scope.services.db, scope.services.queue, {
      olderThanMs: config.AWARD_RESEND_AFTER_SECONDS * 1000,
      now: new Date(controller.scheduledTime),
    });
    if (resent.length > 0) log.warn('lost_awards_resent', { attempts: resent.length, first: resent[0] });
  } catch (err) {
    log.error('lost_awards_sweep_failed', describeError(err));
    throw err;
  } finally {
    ctx.waitUntil(scope.dispose());
  }
}
