import { z } from '@hono/zod-openapi';
import { attemptStatus } from '../../db/schema';
import { boundedJsonObject, storableText } from '../../domain/text';
import { CursorPageQuery, uuidParams } from '../../lib/openapi';

export const MAX_SOLUTION_BYTES = 64 * 1024;
export const MAX_METADATA_BYTES = 4 * 1024;

const IDS = {
  id: '7d0c2a4e-6d8b-4b53-9a54-0c1f1a2b3c4d',
  user_id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  challenge_id: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b',
};

/** Just started: no score, nothing submitted or awarded yet (the 201 of POST /attempts). */
export function startedAttemptExample() {
  return { ...IDS, status: 'started', score: null, xp_awarded: null, started_at: '2026-11-22T10:00:00.000Z', submitted_at: null, awarded_at: null };
}

/** Submitted and passed, its award still queued (the 202 of POST /attempts/{id}/submit). */
export function submittedAttemptExample() {
  return { ...startedAttemptExample(), status: 'passed', score: 85, submitted_at: '2026-11-22T10:12:00.000Z' };
}

export const AttemptSchema = z
  .object({
    id: z.uuid(),
    user_id: z.uuid(),
    challenge_id: z.uuid(),
    status: z.enum(attemptStatus.enumValues),
    score: z.number().int().nullable(),
    xp_awarded: z.number().int().nullable().openapi({ description: 'null until the award has been processed' }),
    started_at: z.string(),
    submitted_at: z.string().nullable(),
    awarded_at: z.string().nullable(),
  })
  .openapi('Attempt', { example: submittedAttemptExample() });

export const StartAttemptSchema = z
  .object({
    challenge_id: z.uuid().openapi({
      description: 'The `id` of a published challenge: take one from `GET /challenges` (`items[].id`), no login needed',
    }),
  })
  .strict()
  .openapi('StartAttempt', { example: { challenge_id: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b' } });

const boundedMetadata = boundedJsonObject(MAX_METADATA_BYTES);

export const SubmitAttemptSchema = z
  .object({
    score: z.number().int().min(0).max(100),
    solution: storableText()
      .refine((s) => new TextEncoder().encode(s).length <= MAX_SOLUTION_BYTES, { message: `must be at most ${MAX_SOLUTION_BYTES} bytes` })
      .optional(),
    metadata: boundedMetadata.optional(),
  })
  .strict()
  .openapi('SubmitAttempt', { example: { score: 85, solution: 'SELECT …', metadata: { language: 'sql' } } });

export const AttemptListQuerySchema = CursorPageQuery.extend({
  status: z.enum(attemptStatus.enumValues).optional(),
  challenge_id: z.uuid().optional(),
});

export const AttemptPageSchema = z
  .object({ items: z.array(AttemptSchema), next_cursor: z.string().nullable() })
  .openapi('AttemptPage');

export const AttemptIdParamSchema = uuidParams('id');
