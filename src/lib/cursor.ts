import { z } from '@hono/zod-openapi';
import { AppError } from './app-error';

/** A keyset listing's sort key (timestamp DESC, id DESC); the timestamp keeps Postgres' microseconds. */
export interface SortKey {
  createdAt: string;
  id: string;
}

const KeySchema = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), z.uuid()]);

/** Opaque to clients: base64url of the JSON sort key of the last item on the page. */
export function encodeCursor(key: SortKey): string {
  const bytes = new TextEncoder().encode(JSON.stringify([key.createdAt, key.id]));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string): SortKey {
  const invalid = () =>
    new AppError({
      code: 'validation_failed',
      message: 'Invalid query: cursor: not a cursor this API returned',
      details: [{ field: 'cursor', message: 'Not a cursor this API returned' }],
    });
  let decoded: unknown;
  try {
    decoded = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw invalid();
  }
  const parsed = KeySchema.safeParse(decoded);
  if (!parsed.success) throw invalid();
  return { createdAt: parsed.data[0], id: parsed.data[1] };
}
