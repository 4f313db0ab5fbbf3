import { z } from '@hono/zod-openapi';
import { BadgeConditionNodeSchema, BadgeConditionSchema } from '../../domain/badge-conditions';
import { blockText, isStorableText, lineText, UNSTORABLE_TEXT } from '../../domain/text';
import { OffsetPageQuery, uuidParams } from '../../lib/openapi';


const example = {
  id: '9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
  name: 'Query Master',
  description: 'Pass 2 SQL challenges, or any hard one.',
  condition: { type: 'any', of: [{ type: 'tag_count', tag: 'sql', count: 2 }, { type: 'difficulty_count', difficulty: 'hard', count: 1 }] },
  condition_text: 'Any of: Pass 2 challenges tagged sql; Pass 1 hard challenge',
  icon_url: '/icons/query-master.svg',
};

export const BadgeSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    condition: BadgeConditionNodeSchema,
    condition_text: z.string().openapi({ description: 'The condition in words' }),
    icon_url: z.string().nullable(),
  })
  .openapi('Badge', { example });

export const BadgePageSchema = z
  .object({ items: z.array(BadgeSchema), total: z.number().int() })
  .openapi('BadgePage', { example: { items: [example], total: 1 } });

export const EarnedBadgeSchema = BadgeSchema.extend({ awarded_at: z.string() }).openapi('EarnedBadge', {
  example: { ...example, awarded_at: '2026-01-06T18:30:00.000Z' },
});

export const EarnedBadgePageSchema = z
  .object({ items: z.array(EarnedBadgeSchema), total: z.number().int() })
  .openapi('EarnedBadgePage', { example: { items: [{ ...example, awarded_at: '2026-01-06T18:30:00.000Z' }], total: 1 } });

/** https://… or a site path like /icons/x.svg; never http:, javascript:, data: or protocol-relative //host. */
function isSafeIconUrl(value: string): boolean {
  if (/[\s\\]/.test(value) || /\p{Cc}/u.test(value)) return false;
  if (value.startsWith('/')) return !value.startsWith('//');
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

const IconUrl = z
  .string()
  .max(2048)
  .refine(isSafeIconUrl, 'Must be an https:// URL or a path starting with /')
  .refine(isStorableText, UNSTORABLE_TEXT)
  .nullable()
  .openapi({ example: 'https://cdn.example.com/badges/query-master.svg' });

// No id or timestamps from outside: .strict() turns them into a 422.
const fields = {
  name: lineText(100).openapi({ example: 'Query Master' }),
  description: blockText(1000).openapi({ example: 'Pass 2 SQL challenges, or any hard one.' }),
  condition: BadgeConditionSchema,
  icon_url: IconUrl,
};

export const CreateBadgeSchema = z
  .object({ ...fields, description: fields.description.default(''), icon_url: IconUrl.default(null) })
  .strict()
  .openapi('CreateBadge', {
    example: { name: example.name, description: example.description, condition: example.condition, icon_url: example.icon_url },
  });

/** PUT is a partial update: fields left out keep their value; at least one field is required. */
export const UpdateBadgeSchema = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Give at least one field to change')
  .openapi('UpdateBadge', { example: { condition: { type: 'tag_count', tag: 'sql', count: 3 } } });

export const PageQuery = OffsetPageQuery;
export const IdParams = uuidParams('id', example.id);

export type BadgeResponse = z.infer<typeof BadgeSchema>;
export type CreateBadge = z.infer<typeof CreateBadgeSchema>;
export type UpdateBadge = z.infer<typeof UpdateBadgeSchema>;
