import { configureOpenAPI } from './lib/configure-openapi';
import { createApp } from './lib/create-app';
import { adminRouter } from './routes/admin/admin.index';
import { apiKeysRouter } from './routes/api-keys/api-keys.index';
import { attemptsRouter } from './routes/attempts/attempts.index';
import { authRouter } from './routes/auth/auth.index';
import { badgesRouter } from './routes/badges/badges.index';
import { challengesRouter } from './routes/challenges/challenges.index';
import { credentialsRouter } from './routes/credentials/credentials.index';
import { demoRouter } from './routes/demo/demo.index';
import { healthRouter } from './routes/health/health.index';
import { leaderboardRouter } from './routes/leaderboard/leaderboard.index';
import { liveRouter } from './routes/live/live.index';
import { metricsRouter } from './routes/metrics/metrics.index';
import { progressRouter } from './routes/progress/progress.index';
import { resultsRouter } from './routes/results/results.index';
import { webhooksRouter } from './routes/webhooks/webhooks.index';

/** Routes are chained (not looped) so `AppType` carries every route for the typed client (hc<AppType>). */
export function buildApp() {
  const app = createApp();
  configureOpenAPI(app);
  return app
    .route('/', healthRouter)
    .route('/', authRouter)
    .route('/', challengesRouter)
    .route('/', badgesRouter)
    .route('/', attemptsRouter)
    .route('/', leaderboardRouter)
    .route('/', liveRouter)
    .route('/', progressRouter)
    .route('/', adminRouter)
    .route('/', metricsRouter)
    .route('/', demoRouter)
    .route('/', apiKeysRouter)
    .route('/', resultsRouter)
    .route('/', webhooksRouter)
    .route('/', credentialsRouter);
}

export const app = buildApp();
export type AppType = typeof app;
