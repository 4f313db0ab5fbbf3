import { randomBytes } from 'node:crypto';
import pg from 'pg';

const ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A database name no other run uses; dev.ts creates and migrates it, drop() removes it. */
export function throwawayDatabase(label: string) {
  const name = `skillquest_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return {
    url: `postgresql://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
