import { app } from './app';
import { LeaderboardHub } from './hub/leaderboard-hub';
import { consumeBatch } from './queue/consumer';

export default {
  fetch: app.fetch,
  queue: consumeBatch,
} satisfies ExportedHandler<Env>;

export { LeaderboardHub };
