import { z } from '@hono/zod-openapi';

export const MAX_TAGS = 10;

/** A tag as challenges and badge conditions use it: 1–32 of `[a-z0-9-]`, normalised to lower case. */
export const TagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(32)
  .regex(/^[a-z0-9-]+$/, 'Tags are 1–32 characters of a-z, 0-9 and -');

/** Up to 10 tags, deduplicated in the order given. */
export const TagListSchema = z
  .array(TagSchema)
  .max(MAX_TAGS)
  .transform((tags) => [...new Set(tags)]);
