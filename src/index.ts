import { app } from './app';
import { sweepLostAwards } from './awards/sweep';
import { LeaderboardHub } from './hub/leaderboard-hub';
import { consumeBatch } from './queue/consumer';

export default {
  fetch: app.fetch,
  queue: consumeBatch,
  scheduled: sweepLostAwards,
} satisfies ExportedHandler<Env>;

export { LeaderboardHub };
