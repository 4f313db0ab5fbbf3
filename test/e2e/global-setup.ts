import type { TestProject } from 'vitest/node';
import { freePort, startDevStack } from './stack.ts';
import { throwawayDatabase } from '../setup/throwaway-databases.ts';

declare module 'vitest' {
  interface ProvidedContext {
    e2eBaseUrl: string;
    e2eDatabaseUrl: string;
    /** The one web origin the stack's CORS_ORIGINS allows (a page the CORS browser test serves). */
    e2eCorsOrigin: string;
  }
}

/** One `npm run dev` stack (wrangler dev + gateway) on a throwaway database for the end-to-end tests. */
export default async function setup(project: TestProject) {
  const database = throwawayDatabase('e2e');
  const corsOrigin = `http://127.0.0.1:${await freePort()}`;
  const stack = await startDevStack({
    DATABASE_URL: database.url,
    REDIS_URL: 'redis://127.0.0.1:6379/13',
    CORS_ORIGINS: corsOrigin,
    // Every e2e socket comes from this machine's one address; a crowd of 50 follows one award.
    LIVE_MAX_SOCKETS_PER_CLIENT: '200',
    // Webhook retries a second apart (the default schedule spans a day): a flaky receiver is retried within the test.
    WEBHOOK_RETRY_SCHEDULE_SECONDS: '1,1,1,1',
  });
  project.provide('e2eBaseUrl', stack.baseUrl);
  project.provide('e2eDatabaseUrl', database.url);
  project.provide('e2eCorsOrigin', corsOrigin);
  return async () => {
    await stack.stop();
    await database.drop();
  };
}
