import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', '.wrangler', 'public/swagger-ui', 'public/vendor', 'worker-configuration.d.ts', 'migrations', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  // The import directions of docs/architecture.md: domain/ is pure, routes/ is reached only through
  // app.ts, and HTTP middleware only from the app and the routes.
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'domain/ holds pure rules: it imports only other domain/ files (and libraries without I/O).' }, { group: ['@neondatabase/*', '@upstash/*', 'drizzle-orm', 'drizzle-orm/*', 'cloudflare:*', 'hono', 'hono/*'], message: 'domain/ does no I/O.' }] }] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/app.ts', 'src/routes/**', 'src/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/routes/*', '**/routes'], message: 'Only src/app.ts imports routes/.' }] }] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/app.ts', 'src/lib/create-app.ts', 'src/routes/**', 'src/middleware/**', 'src/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/routes/*', '**/routes'], message: 'Only src/app.ts imports routes/.' }, { group: ['**/middleware/*', '**/middleware'], message: 'HTTP middleware is imported only by app.ts, lib/create-app.ts and routes/: services, jobs and the hub take services instead.' }] }] },
  },
  { files: ['scripts/**/*.mjs'], languageOptions: { globals: globals.node } },
  { files: ['public/**/*.js'], languageOptions: { globals: globals.browser } },
);
