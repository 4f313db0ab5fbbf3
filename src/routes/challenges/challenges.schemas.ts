import { z } from '@hono/zod-openapi';
import { difficulty } from '../../db/schema';
import { TagListSchema, TagSchema } from '../../domain/tags';
import { blockText, lineText } from '../../domain/text';
import { CursorPageQuery, uuidParams } from '../../lib/openapi';


const example = {
  id: '5b0f7a8e-3c1d-4e2f-9a6b-7c8d9e0f1a2b',
  title: 'Two Sum',
  description: 'Find two numbers in an array that add up to a target.',
  xp: 100,
  difficulty: 'easy' as const,
  tags: ['arrays', 'hashing'],
  published: true,
  created_at: '2026-01-05T10:00:00.000Z',
  updated_at: '2026-01-05T10:00:00.000Z',
};

export const ChallengeSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    xp: z.number().int(),
    difficulty: z.enum(difficulty.enumValues),
    tags: z.array(z.string()),
    published: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Challenge', { example });

export const ChallengePageSchema = z
  .object({
    items: z.array(ChallengeSchema),
    next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .openapi('ChallengePage', { example: { items: [example], next_cursor: 'WyIyMDI2LTAxLTA1VDEwOjAwOjAwLjAwMDAwMFoiLCI1YjBmN2E4ZSJd' } });

// Fields an admin may set. No id, timestamps, created_by or archived_at: .strict() turns those into a 422.
const fields = {
  title: lineText(200).openapi({ example: 'Two Sum' }),
  description: blockText(10_000).openapi({ example: 'Find two numbers in an array that add up to a target.' }),
  xp: z.number().int().min(1).max(10_000).openapi({ example: 100 }),
  difficulty: z.enum(difficulty.enumValues),
  tags: TagListSchema.openapi({ description: 'Up to 10 tags of [a-z0-9-] (1–32 chars); lower-cased and deduplicated', example: ['arrays', 'hashing'] }),
  published: z.boolean().openapi({ description: 'Players only see published challenges' }),
};

export const CreateChallengeSchema = z
  .object({
    ...fields,
    description: fields.description.default(''),
    tags: fields.tags.default([]),
    published: fields.published.default(false),
  })
  .strict()
  .openapi('CreateChallenge', {
    example: { title: 'Two Sum', description: 'Find two numbers that add up to a target.', xp: 100, difficulty: 'easy', tags: ['arrays'], published: true },
  });

/** PUT is a partial update: fields left out keep their value; at least one field is required. */
export const UpdateChallengeSchema = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Give at least one field to change')
  .openapi('UpdateChallenge', { example: { xp: 150, published: true } });

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const ListChallengesQuery = z.object({
  difficulty: z.enum(difficulty.enumValues).optional(),
  tag: TagSchema.optional().openapi({ description: 'Only challenges carrying this tag', example: 'sql' }),
  q: blockText(100).optional().openapi({ description: 'Case-insensitive text search in title and description', example: 'sum' }),
  ...CursorPageQuery.shape,
  include_unpublished: flag.openapi({ description: 'Admin only: also list unpublished drafts' }),
  include_archived: flag.openapi({ description: 'Admin only: also list archived challenges' }),
});

export const ChallengeIdParams = uuidParams('id', example.id);

export type ChallengeResponse = z.infer<typeof ChallengeSchema>;
export type CreateChallenge = z.infer<typeof CreateChallengeSchema>;
export type UpdateChallenge = z.infer<typeof UpdateChallengeSchema>;
export type ListChallenges = z.infer<typeof ListChallengesQuery>;
