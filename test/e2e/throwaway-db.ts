import { randomBytes } from 'node:crypto';
import { dropDatabase } from '../setup/stale-databases.ts';

const ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A database name no other run uses; dev.ts creates and migrates it, drop() removes it. */
export function throwawayDatabase(label: string) {
  const name = `skillquest_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return {
    url: `postgresql://postgres@127.0.0.1:5432/${name}`,
    drop: () => dropDatabase(ADMIN_URL, name),
  };
}
