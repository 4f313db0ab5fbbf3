import { createRoute } from '@hono/zod-openapi';
import {
  authErrorResponses,
  bodyErrorResponses,
  conflictResponseFor,
  errorResponse,
  invalidResponse,
  jsonContent,
  jsonResponse,
  notFoundResponseFor,
  openApiErrorResponses,
  rateLimitedResponseFor,
} from '../../lib/openapi';
import { adminOrApiKey } from '../../middleware/api-key';
import {
  CreateWebhookSchema,
  DeliveryListQuery,
  DeliveryPageSchema,
  DeliveryParams,
  DeliverySchema,
  RotatedSecretSchema,
  UpdateWebhookSchema,
  WebhookIdParams,
  WebhookListQuery,
  WebhookPageSchema,
  WebhookSchema,
  WebhookWithSecretSchema,
} from './webhooks.schemas';

const tags = ['Webhooks'];
const guard = adminOrApiKey('webhooks:manage');
const errors = {
  ...authErrorResponses,
  403: errorResponse('forbidden', { description: 'Not an admin, or an API key without webhooks:manage', message: 'This API key lacks the scope webhooks:manage' }),
  ...rateLimitedResponseFor('requests with this API key'),
  ...openApiErrorResponses,
};
const notFound = notFoundResponseFor('Webhook not found');

export const createWebhook = createRoute({
  method: 'post', path: '/webhooks', operationId: 'createWebhook', tags, ...guard,
  summary: 'Register an endpoint for signed event deliveries (admin, or API key with webhooks:manage)',
  description:
    'Deliveries follow Standard Webhooks: headers `webhook-id` (the event’s stable id), `webhook-timestamp` and ' +
    '`webhook-signature: v1,<base64 HMAC-SHA256>` of `{id}.{timestamp}.{body}` with the endpoint’s `whsec_` secret (returned ' +
    'here once). Verify them with the `standardwebhooks` package or any Svix library. Failed deliveries are retried with ' +
    'exponential backoff for about a day; a run of failures disables the endpoint.',
  request: { body: { required: true, content: jsonContent(CreateWebhookSchema) } },
  responses: {
    201: jsonResponse(WebhookWithSecretSchema, 'Registered; `secret` is shown only now'),
    ...errors,
    ...invalidResponse('json', 'url', 'must be https'),
    ...bodyErrorResponses,
  },
});

export const listWebhooks = createRoute({
  method: 'get', path: '/webhooks', operationId: 'listWebhooks', tags, ...guard,
  summary: 'Registered endpoints, newest first', description: 'Every endpoint with its events and state (never its secret); offset pagination.', request: { query: WebhookListQuery },
  responses: { 200: jsonResponse(WebhookPageSchema, 'A page of endpoints'), ...errors },
});

export const getWebhook = createRoute({
  method: 'get', path: '/webhooks/{id}', operationId: 'getWebhook', tags, ...guard,
  summary: 'One endpoint (with why it was disabled, if it was)', description: '`disabled_reason` says why an endpoint stopped receiving deliveries; its secret is not shown.', request: { params: WebhookIdParams },
  responses: { 200: jsonResponse(WebhookSchema, 'The endpoint'), ...notFound, ...errors, ...invalidResponse('param', 'id', 'Invalid UUID') },
});

export const updateWebhook = createRoute({
  method: 'patch', path: '/webhooks/{id}', operationId: 'updateWebhook', tags, ...guard,
  summary: 'Change an endpoint’s URL, events or description, or enable/disable it',
  description: 'Only the fields sent change. `enabled: true` re-enables a disabled endpoint and resets its failure count.',
  request: { params: WebhookIdParams, body: { required: true, content: jsonContent(UpdateWebhookSchema) } },
  responses: { 200: jsonResponse(WebhookSchema, 'Updated'), ...notFound, ...errors, ...invalidResponse('json', 'url', 'must be https'), ...bodyErrorResponses },
});

export const deleteWebhook = createRoute({
  method: 'delete', path: '/webhooks/{id}', operationId: 'deleteWebhook', tags, ...guard,
  summary: 'Remove an endpoint and its delivery log', description: 'Deliveries still queued for it are dropped.', request: { params: WebhookIdParams },
  responses: { 204: { description: 'Removed' }, ...notFound, ...errors, ...invalidResponse('param', 'id', 'Invalid UUID') },
});

export const rotateWebhookSecret = createRoute({
  method: 'post', path: '/webhooks/{id}/rotate-secret', operationId: 'rotateWebhookSecret', tags, ...guard,
  summary: 'Replace the signing secret; the old one keeps signing too for 24 h',
  description: 'For 24 h every delivery carries two signatures (`v1,<new> v1,<old>`), so receivers can switch without missing one.',
  request: { params: WebhookIdParams },
  responses: { 200: jsonResponse(RotatedSecretSchema, 'The new secret, shown only now'), ...notFound, ...errors },
});

export const testWebhook = createRoute({
  method: 'post', path: '/webhooks/{id}/test', operationId: 'testWebhook', tags, ...guard,
  summary: 'Send a `webhook.test` event to this endpoint now',
  description: 'Queued like any delivery (signed, retried, logged); follow it in GET /webhooks/{id}/deliveries. A disabled endpoint is a 409.',
  request: { params: WebhookIdParams },
  responses: {
    202: jsonResponse(DeliverySchema, 'Queued'),
    ...notFound,
    ...conflictResponseFor('The endpoint is disabled; enable it first (PATCH enabled: true)'),
    ...errors,
  },
});

export const listDeliveries = createRoute({
  method: 'get', path: '/webhooks/{id}/deliveries', operationId: 'listWebhookDeliveries', tags, ...guard,
  summary: 'The delivery log: status, attempts, last response code and latency, newest first',
  description: 'Each delivery with every attempt (`log`): status code, latency, error and a 256-character excerpt of the answer. Filter by `status`.',
  request: { params: WebhookIdParams, query: DeliveryListQuery },
  responses: { 200: jsonResponse(DeliveryPageSchema, 'A page of deliveries, each with its attempts'), ...notFound, ...errors },
});

export const redeliver = createRoute({
  method: 'post', path: '/webhooks/{id}/deliveries/{delivery_id}/redeliver', operationId: 'redeliverWebhook', tags, ...guard,
  summary: 'Deliver an event again (same `webhook-id`, so receivers still de-duplicate)',
  description: 'One more attempt now; if it fails and the retry schedule is spent, the delivery is failed again.',
  request: { params: DeliveryParams },
  responses: {
    202: jsonResponse(DeliverySchema, 'Queued'),
    ...notFoundResponseFor('Delivery not found'),
    ...conflictResponseFor('The endpoint is disabled; enable it first (PATCH enabled: true)'),
    ...errors,
  },
});

export type CreateWebhookRoute = typeof createWebhook;
export type ListWebhooksRoute = typeof listWebhooks;
export type GetWebhookRoute = typeof getWebhook;
export type UpdateWebhookRoute = typeof updateWebhook;
export type DeleteWebhookRoute = typeof deleteWebhook;
export type RotateWebhookSecretRoute = typeof rotateWebhookSecret;
export type TestWebhookRoute = typeof testWebhook;
export type ListDeliveriesRoute = typeof listDeliveries;
export type RedeliverRoute = typeof redeliver;
