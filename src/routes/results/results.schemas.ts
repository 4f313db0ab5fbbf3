import { z } from '@hono/zod-openapi';
import { boundedJsonObject, lineText, storableText } from '../../domain/text';

export const MAX_BATCH = 100;
const MAX_SOLUTION_BYTES = 64 * 1024;
const MAX_METADATA_BYTES = 4 * 1024;
/** How far back a result may be dated (its pass day counts toward streaks). */
export const MAX_RESULT_AGE_DAYS = 30;

const bytes = (s: string) => new TextEncoder().encode(s).length;

const metadata = boundedJsonObject(MAX_METADATA_BYTES);

const occurredAt = z.iso
  .datetime({ offset: true })
  .refine((at) => Date.parse(at) <= Date.now() + 5 * 60_000, 'must not be in the future')
  .refine((at) => Date.parse(at) >= Date.now() - MAX_RESULT_AGE_DAYS * 86_400_000, `must be within the last ${MAX_RESULT_AGE_DAYS} days`);

export const ReportResultSchema = z
  .object({
    player_id: z.uuid().optional().openapi({ description: 'Our id of the player; or give `external_id`' }),
    external_id: lineText(200).optional().openapi({
      description: 'Your platform’s id of the player: the player is created on first use (no password; they never log in here)',
      example: 'user-8842',
    }),
    username: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,32}$/)
      .optional()
      .openapi({ description: 'Shown on the leaderboard; only used when `external_id` creates the player (default: derived from it)', example: 'ada' }),
    challenge_id: z.uuid(),
    score: z.number().int().min(0).max(100),
    solution: storableText().refine((s) => bytes(s) <= MAX_SOLUTION_BYTES, `must be at most ${MAX_SOLUTION_BYTES} bytes`).optional(),
    metadata: metadata.optional(),
    occurred_at: occurredAt.optional().openapi({ description: 'When the result happened (default: now); within the last 30 days', example: '2026-11-22T10:12:00Z' }),
  })
  .strict()
  .refine((r) => (r.player_id === undefined) !== (r.external_id === undefined), { message: 'give exactly one of player_id and external_id', path: ['player_id'] })
  .openapi('ReportResult', { example: { external_id: 'user-8842', username: 'ada', challenge_id: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b', score: 92 } });

export type ReportResult = z.infer<typeof ReportResultSchema>;

export const ReportResultsSchema = z
  .object({ results: z.array(ReportResultSchema).min(1).max(MAX_BATCH) })
  .strict()
  .openapi('ReportResults');

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, '1–255 visible ASCII characters')
    .optional()
    .openapi({
      description: 'Makes a retry a no-op: the first answer is returned again (for at least 24 h); the same key with another body is a 409',
      example: 'grader-run-2026-11-22-0042',
    }),
});

const resultExample = {
  attempt_id: '7d0c2a4e-6d8b-4b53-9a54-0c1f1a2b3c4d',
  player_id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  external_id: 'user-8842',
  player_created: true,
  challenge_id: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b',
  status: 'passed',
  score: 92,
  submitted_at: '2026-11-22T10:12:00.000Z',
};

export const ReportedResultSchema = z
  .object({
    attempt_id: z.uuid(),
    player_id: z.uuid(),
    external_id: z.string().nullable(),
    player_created: z.boolean().openapi({ description: 'True when this report created the player' }),
    challenge_id: z.uuid(),
    status: z.enum(['passed', 'failed']),
    score: z.number().int(),
    submitted_at: z.string(),
  })
  .openapi('ReportedResult', { example: resultExample });

export const ResultOutcomeSchema = z
  .object({
    index: z.number().int().openapi({ description: 'Position in the request’s `results`' }),
    status: z.enum(['accepted', 'rejected']),
    result: ReportedResultSchema.optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional().openapi({ description: 'Why it was rejected (as the single form’s error)' }),
  })
  .openapi('ResultOutcome');

export const BatchOutcomeSchema = z
  .object({ accepted: z.number().int(), rejected: z.number().int(), results: z.array(ResultOutcomeSchema) })
  .openapi('ResultBatchOutcome', {
    example: {
      accepted: 1,
      rejected: 1,
      results: [
        { index: 0, status: 'accepted', result: resultExample },
        { index: 1, status: 'rejected', error: { code: 'not_found', message: 'Challenge not found or not published' } },
      ],
    },
  });

export const ExternalIdParams = z.object({
  external_id: lineText(200).openapi({ param: { name: 'external_id', in: 'path' }, example: 'user-8842' }),
});

export const ExternalPlayerSchema = z
  .object({
    id: z.uuid(),
    external_id: z.string(),
    username: z.string(),
    total_xp: z.number().int(),
    level: z.number().int(),
    created_at: z.string(),
  })
  .openapi('ExternalPlayer');
