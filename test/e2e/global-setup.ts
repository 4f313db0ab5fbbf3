import type { TestProject } from 'vitest/node';
import { startDevStack } from './stack.ts';
import { throwawayDatabase } from '../setup/throwaway-databases.ts';

declare module 'vitest' {
  interface ProvidedContext {
    e2eBaseUrl: string;
    e2eDatabaseUrl: string;
  }
}

/** One `npm run dev` stack (wrangler dev + gateway) on a throwaway database for the end-to-end tests. */
export default async function setup(project: TestProject) {
  const database = throwawayDatabase('e2e');
  const stack = await startDevStack({ DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379/13' });
  project.provide('e2eBaseUrl', stack.baseUrl);
  project.provide('e2eDatabaseUrl', database.url);
  return async () => {
    await stack.stop();
    await database.drop();
  };
}
