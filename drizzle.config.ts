import { defineConfig } from 'drizzle-kit';

// drizzle-kit runs in Node against Postgres directly (no gateway needed for migrations).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/skillquest' },
  strict: true,
  verbose: true,
});
