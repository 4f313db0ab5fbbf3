import { z } from '@hono/zod-openapi';

// Postgres text can't hold NUL (a 500 if it got that far); single-line fields take no control characters at all.
// The Unicode Cc set spelled out: a /u regex would reach the OpenAPI document as an unusable pattern.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const NO_NUL = /^[^\u0000]*$/;
// A UTF-16 surrogate without its partner is not Unicode: jsonb refuses it (a 500) and UTF-8 turns it into U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT = 'Must not contain NUL characters or unpaired surrogates';

/** Text Postgres stores as sent: no NUL, no lone surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** A trimmed single-line name or title of 1..max characters. */
export const lineText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(NO_CONTROL, 'Must not contain control characters')
    .refine(isStorableText, UNSTORABLE_TEXT);

/** Free text (newlines allowed) of at most max characters. */
export const blockText = (max: number) =>
  z.string().max(max).regex(NO_NUL, 'Must not contain NUL characters').refine(isStorableText, UNSTORABLE_TEXT);

/** Any other free text (passwords, login names, solutions): storable, no other rule. */
export const storableText = () => z.string().refine(isStorableText, UNSTORABLE_TEXT);

/**
 * Where in a parsed JSON value a string (a value or a key) is not storable text: the path of the
 * bad value, or of the object holding the bad key; undefined when all of it is storable.
 */
export function unstorableJsonPath(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableJsonPath(item, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return path;
      const found = unstorableJsonPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether a parsed JSON value nests objects and arrays more than `limit` levels deep (counted without recursion). */
export function jsonDepthOver(value: unknown, limit: number): boolean {
  const isContainer = (item: unknown): item is object => typeof item === 'object' && item !== null;
  let level = [value].filter(isContainer);
  for (let depth = 0; level.length > 0; depth++) {
    if (depth >= limit) return true;
    level = level.flatMap((container) => Object.values(container).filter(isContainer));
  }
  return false;
}

export const MAX_METADATA_DEPTH = 32;

/**
 * A client's free-form JSON object, stored as jsonb: at most `maxBytes` as JSON and `MAX_METADATA_DEPTH`
 * levels deep (checked first, without recursion: `JSON.stringify` of a 10,000-level value overflows the
 * stack, a 500), and storable text all through (jsonb refuses NUL and lone surrogates: the path names it).
 */
export const boundedJsonObject = (maxBytes: number) =>
  z
    .record(z.string().max(64), z.unknown())
    .refine((value) => !jsonDepthOver(value, MAX_METADATA_DEPTH), { message: `must be at most ${MAX_METADATA_DEPTH} levels deep`, abort: true })
    .refine((value) => new TextEncoder().encode(JSON.stringify(value)).length <= maxBytes, { message: `must be at most ${maxBytes} bytes as JSON`, abort: true })
    .superRefine((value, ctx) => {
      const path = unstorableJsonPath(value);
      if (path) ctx.addIssue({ code: 'custom', path, message: UNSTORABLE_TEXT });
    });
