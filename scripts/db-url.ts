/** The Postgres URL Node-side tools use (migrations, seed, dev): DATABASE_URL or the local default. */
export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/skillquest';

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}
