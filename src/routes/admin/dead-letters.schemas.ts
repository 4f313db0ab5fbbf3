import { z } from '@hono/zod-openapi';
import { CursorPageQuery } from '../../lib/openapi';

export const DeadLetterSchema = z
  .object({
    id: z.uuid(),
    message_id: z.string().openapi({ description: 'The queue’s message id (unique: a redelivered dead letter adds no row)' }),
    queue: z.string().openapi({ description: 'The queue the message failed on', example: 'awards' }),
    body: z.unknown().openapi({ description: 'The message as sent', example: { type: 'award', attemptId: '5b3c…' } }),
    attempts: z.number().int().openapi({ description: 'Deliveries on the dead-letter queue when recorded (the award queue itself tried max_retries + 1 = 6 times)' }),
    enqueued_at: z.string().nullable().openapi({ description: 'When the message was first sent, as the queue reports it' }),
    received_at: z.string(),
    redriven_at: z.string().nullable().openapi({ description: 'When an admin sent it back to the award queue; null while pending' }),
  })
  .openapi('DeadLetter');

export const DeadLetterListQuery = CursorPageQuery.extend({
  state: z.enum(['pending', 'redriven', 'all']).default('all').openapi({ description: 'pending: not redriven yet' }),
});

export const DeadLetterPageSchema = z
  .object({ items: z.array(DeadLetterSchema), next_cursor: z.string().nullable() })
  .openapi('DeadLetterPage');

export const RedriveAllSchema = z
  .object({
    redriven: z.number().int().openapi({ description: 'Dead letters sent back to the award queue by this call' }),
    pending: z.number().int().openapi({ description: 'Still pending afterwards (call again; bodies that are no queue message stay)' }),
  })
  .openapi('RedriveResult');
