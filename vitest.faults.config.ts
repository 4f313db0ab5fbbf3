import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: faults injected on purpose under a workload of concurrent submits through
 * `wrangler dev`, each scenario ending with the consistency check at zero differences. Not part of
 * `npm test`: each file starts its own stack, and the scenarios wait out the queue's retry delays.
 */
export default defineConfig({
  test: {
    name: 'faults',
    include: ['test/faults/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false, // two stacks at once would compete for the machine's two cores
    testTimeout: 180_000,
    // The in-process gateway logs each refused Postgres or Redis connection: expected here, by the hundred.
    onConsoleLog: (log) => !log.startsWith('{"level":"error","msg":'),
    hookTimeout: 180_000,
  },
});
