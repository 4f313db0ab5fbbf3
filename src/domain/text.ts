import { z } from '@hono/zod-openapi';

// Postgres text can't hold NUL (a 500 if it got that far); single-line fields take no control characters at all.
// The Unicode Cc set spelled out: a /u regex would reach the OpenAPI document as an unusable pattern.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const NO_NUL = /^[^\u0000]*$/;

/** A trimmed single-line name or title of 1..max characters. */
export const lineText = (max: number) =>
  z.string().trim().min(1).max(max).regex(NO_CONTROL, 'Must not contain control characters');

/** Free text (newlines allowed) of at most max characters. */
export const blockText = (max: number) => z.string().max(max).regex(NO_NUL, 'Must not contain NUL characters');
