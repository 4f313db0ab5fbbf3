/** The local Postgres every test run uses (trust auth, user postgres); PGHOST and PGPORT move it. */
export const PG_HOST = process.env.PGHOST ?? '127.0.0.1';
export const PG_PORT = Number(process.env.PGPORT ?? 5432);

export const postgresUrl = (database: string) => `postgresql://postgres@${PG_HOST}:${PG_PORT}/${database}`;

/** The maintenance database: where databases are created and dropped. */
export const ADMIN_URL = postgresUrl('postgres');
