import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The worker logs one JSON line per request; keep test output readable (errors still show).
    onConsoleLog: (log, type) => !(type === 'stdout' && log.startsWith('{"level":"info"')),
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      './gateway/vitest.config.ts',
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                APP_ENV: 'test',
                DATABASE_URL: inject('databaseUrl'),
                NEON_WS_PROXY: inject('neonWsProxy'),
                UPSTASH_REDIS_REST_URL: inject('redisRestUrl'),
                UPSTASH_REDIS_REST_TOKEN: inject('redisRestToken'),
                REDIS_KEY_PREFIX: inject('redisKeyPrefix'),
                JWT_SECRET: 'test-secret-for-vitest-only-0123456789abcdef',
                METRICS_TOKEN: 'test-metrics-token',
                // Signs the tests' Open Badges credentials; published, so production refuses it.
                CREDENTIAL_SIGNING_KEY: 'z3u2WVqJb2szaqpwLiUAUrznzBy3jHnoinYG8boTxtXsRdUp',
                // Tests may lower the password cost, but only through configuration.
                PASSWORD_HASH_PARAMS: '1024,1,1',
                // Tests write data and read it back anonymously at once: the edge cache is off here, and
                // test/worker/edge-cache.test.ts turns it on per request (apiWithEnv).
                EDGE_CACHE_LEADERBOARD_SECONDS: '0',
                EDGE_CACHE_CHALLENGES_SECONDS: '0',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          // The credential libraries (jsonld, rdf-canonize, Ed25519 Multikey) have browser builds that workerd
          // runs and Node builds it can't (undici): prebundle them with the browser ones, as wrangler's bundle does.
          deps: {
            optimizer: {
              ssr: {
                enabled: true,
                include: ['@digitalbazaar/vc', '@digitalbazaar/data-integrity', '@digitalbazaar/eddsa-rdfc-2022-cryptosuite', '@digitalbazaar/ed25519-multikey'],
                rolldownOptions: { resolve: { mainFields: ['browser', 'module', 'main'] } },
              },
            },
          },
          globalSetup: ['./test/setup/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 150_000,
        },
      },
    ],
  },
});
