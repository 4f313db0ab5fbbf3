import { z } from '@hono/zod-openapi';
import { webhookDeliveryStatus } from '../../db/schema';
import { webhookEventTypes } from '../../domain/webhook-events';
import { blockText, lineText } from '../../domain/text';
import { OffsetPageQuery, uuidParams } from '../../lib/openapi';

const EventTypeSchema = z.enum(webhookEventTypes).openapi({ description: 'An event an endpoint can subscribe to' });

export const WebhookIdParams = uuidParams('id');
export const DeliveryParams = WebhookIdParams.extend({ delivery_id: z.uuid().openapi({ param: { name: 'delivery_id', in: 'path' } }) });

const url = lineText(2000).openapi({
  description: 'https in production (no private, loopback or link-local addresses); http is allowed for localhost in development',
  example: 'https://hooks.example.com/skillquest',
});

export const CreateWebhookSchema = z
  .object({
    url,
    events: z.array(EventTypeSchema).min(1).max(webhookEventTypes.length).openapi({ example: ['xp.awarded', 'badge.awarded'] }),
    description: blockText(500).optional(),
  })
  .strict()
  .openapi('CreateWebhook');

export const UpdateWebhookSchema = z
  .object({
    url: url.optional(),
    events: z.array(EventTypeSchema).min(1).max(webhookEventTypes.length).optional(),
    description: blockText(500).optional(),
    enabled: z.boolean().optional().openapi({ description: '`true` re-enables a disabled endpoint (its failure count starts again)' }),
  })
  .strict()
  .openapi('UpdateWebhook');

export const WebhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    events: z.array(EventTypeSchema),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable().openapi({ description: 'Why it was disabled (e.g. after a run of failed deliveries)' }),
    disabled_at: z.string().nullable(),
    consecutive_failures: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Webhook');

export const WebhookWithSecretSchema = WebhookSchema.extend({
  secret: z.string().openapi({ description: 'The signing secret (Standard Webhooks `whsec_…`): shown only here and on rotation', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
}).openapi('WebhookWithSecret');

export const RotatedSecretSchema = z
  .object({
    secret: z.string().openapi({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
    previous_secret_expires_at: z.string().openapi({ description: 'Until then deliveries carry a signature with the old secret too' }),
  })
  .openapi('RotatedWebhookSecret');

export const WebhookPageSchema = z.object({ items: z.array(WebhookSchema), total: z.number().int() }).openapi('WebhookPage');

export const DeliveryAttemptSchema = z
  .object({
    attempt: z.number().int(),
    ok: z.boolean(),
    status_code: z.number().int().nullable(),
    latency_ms: z.number().int(),
    error: z.string().nullable(),
    response_excerpt: z.string().nullable().openapi({ description: 'The first 256 characters of the answer; nothing more is kept' }),
    at: z.string(),
  })
  .openapi('WebhookDeliveryAttempt');

export const DeliverySchema = z
  .object({
    id: z.uuid(),
    event_id: z.string().openapi({ description: 'The `webhook-id` header: the same for every attempt and redelivery of this event' }),
    event_type: z.string(),
    status: z.enum(webhookDeliveryStatus.enumValues),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_latency_ms: z.number().int().nullable(),
    last_error: z.string().nullable(),
    next_attempt_at: z.string().nullable(),
    succeeded_at: z.string().nullable(),
    created_at: z.string(),
    log: z.array(DeliveryAttemptSchema).openapi({ description: 'Every attempt, oldest first' }),
  })
  .openapi('WebhookDelivery');

export const DeliveryListQuery = OffsetPageQuery.extend({ status: z.enum(webhookDeliveryStatus.enumValues).optional() });

export const DeliveryPageSchema = z.object({ items: z.array(DeliverySchema), total: z.number().int() }).openapi('WebhookDeliveryPage');

export const WebhookListQuery = OffsetPageQuery;
