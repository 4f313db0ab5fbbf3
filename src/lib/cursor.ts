import { z } from '@hono/zod-openapi';
import { AppError } from './app-error';

/** A keyset listing's sort key (timestamp DESC, id DESC); the timestamp keeps Postgres' microseconds. */
export interface SortKey {
  createdAt: string;
  id: string;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

/** A timestamp as encodeCursor writes it, on a day that exists (Postgres refuses 2024-02-30 with a data exception). */
function isRealTimestamp(value: string): boolean {
  const parts = TIMESTAMP.exec(value)?.slice(1).map(Number);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // years 0–99 stay themselves, unlike Date.UTC
  const sameDay = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return year >= 1 && sameDay && hour < 24 && minute < 60 && second < 60;
}

const KeySchema = z.tuple([z.string().refine(isRealTimestamp), z.uuid()]);

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
