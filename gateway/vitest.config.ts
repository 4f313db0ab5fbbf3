import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Run from the repository root: npx vitest run --config gateway/vitest.config.ts
export default defineConfig({
  test: {
    name: 'gateway',
    // Explicit so the include glob still resolves when this file becomes a vitest project.
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['gateway/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
