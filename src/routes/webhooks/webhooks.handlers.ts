import { sql } from 'drizzle-orm';
import { TEST_EVENT, eventId } from '../../domain/webhook-events';
import { webhookUrlProblem } from '../../domain/webhook-url';
import { AppError } from '../../lib/app-error';
import type { AppRouteHandler } from '../../lib/types';
import { createWebhookQueue } from '../../webhooks/messages';
import { generateWebhookSecret } from '../../webhooks/sign';
import { insertDeliveries } from '../../webhooks/store';
import type * as R from './webhooks.routes';
import * as queries from './webhooks.queries';

const notFound = () => new AppError({ code: 'not_found', message: 'Webhook not found' });
const disabled = () => new AppError({ code: 'conflict', message: 'The endpoint is disabled; enable it first (PATCH enabled: true)' });
const ROTATION_GRACE_MS = 24 * 3_600_000;

function checkUrl(url: string, appEnv: string): void {
  const problem = webhookUrlProblem(url, appEnv === 'production' ? 'production' : 'development');
  if (problem) throw new AppError({ code: 'validation_failed', message: `Invalid body: url: ${problem}`, details: [{ field: 'url', message: problem }] });
}

export const createWebhook: AppRouteHandler<R.CreateWebhookRoute> = async (c) => {
  const body = c.req.valid('json');
  checkUrl(body.url, c.var.config.APP_ENV);
  const secret = generateWebhookSecret();
  const row = await queries.insertEndpoint(c.var.services.db, {
    url: body.url, events: [...new Set(body.events)], description: body.description ?? '', secret, createdBy: c.var.user?.id ?? null,
  });
  return c.json({ ...queries.toWebhook(row), secret }, 201);
};

export const listWebhooks: AppRouteHandler<R.ListWebhooksRoute> = async (c) => {
  const page = await queries.listEndpoints(c.var.services.db, c.req.valid('query'));
  return c.json({ items: page.items.map(queries.toWebhook), total: page.total }, 200);
};

export const getWebhook: AppRouteHandler<R.GetWebhookRoute> = async (c) => {
  const row = await queries.findEndpoint(c.var.services.db, c.req.valid('param').id);
  if (!row) throw notFound();
  return c.json(queries.toWebhook(row), 200);
};

export const updateWebhook: AppRouteHandler<R.UpdateWebhookRoute> = async (c) => {
  const body = c.req.valid('json');
  if (body.url !== undefined) checkUrl(body.url, c.var.config.APP_ENV);
  const enable = body.enabled === true ? { enabled: true, disabledReason: null, disabledAt: null, consecutiveFailures: 0 } : {};
  const disable = body.enabled === false ? { enabled: false, disabledReason: 'Disabled by an admin', disabledAt: sql`now()` } : {};
  const row = await queries.updateEndpoint(c.var.services.db, c.req.valid('param').id, {
    ...(body.url !== undefined ? { url: body.url } : {}),
    ...(body.events !== undefined ? { events: [...new Set(body.events)] } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...enable,
    ...disable,
  } as Parameters<typeof queries.updateEndpoint>[2]);
  if (!row) throw notFound();
  return c.json(queries.toWebhook(row), 200);
};

export const deleteWebhook: AppRouteHandler<R.DeleteWebhookRoute> = async (c) => {
  if (!(await queries.deleteEndpoint(c.var.services.db, c.req.valid('param').id))) throw notFound();
  return c.body(null, 204);
};

export const rotateWebhookSecret: AppRouteHandler<R.RotateWebhookSecretRoute> = async (c) => {
  const { db } = c.var.services;
  const existing = await queries.findEndpoint(db, c.req.valid('param').id);
  if (!existing) throw notFound();
  const secret = generateWebhookSecret();
  const expires = new Date(Date.now() + ROTATION_GRACE_MS);
  await queries.updateEndpoint(db, existing.id, { secret, previousSecret: existing.secret, previousSecretExpiresAt: expires });
  return c.json({ secret, previous_secret_expires_at: expires.toISOString() }, 200);
};

export const testWebhook: AppRouteHandler<R.TestWebhookRoute> = async (c) => {
  const { db } = c.var.services;
  const endpoint = await queries.findEndpoint(db, c.req.valid('param').id);
  if (!endpoint) throw notFound();
  if (!endpoint.enabled) throw disabled();
  const event = {
    id: eventId(TEST_EVENT, crypto.randomUUID()), type: TEST_EVENT, timestamp: new Date().toISOString(),
    data: { webhook_id: endpoint.id, message: 'A test event from SkillQuest Edge' },
  } as const;
  const [deliveryId] = await insertDeliveries(db, [{ endpointId: endpoint.id, event }]);
  await createWebhookQueue(c.env).send([deliveryId!]);
  const delivery = await queries.findDelivery(db, endpoint.id, deliveryId!);
  return c.json(queries.toDelivery(delivery!, []), 202);
};

export const listDeliveries: AppRouteHandler<R.ListDeliveriesRoute> = async (c) => {
  const { db } = c.var.services;
  const { id } = c.req.valid('param');
  if (!(await queries.findEndpoint(db, id))) throw notFound();
  const page = await queries.listDeliveries(db, id, c.req.valid('query'));
  const logs = await queries.attemptsOf(db, page.items.map((d) => d.id));
  return c.json({ items: page.items.map((d) => queries.toDelivery(d, logs.get(d.id) ?? [])), total: page.total }, 200);
};

export const redeliver: AppRouteHandler<R.RedeliverRoute> = async (c) => {
  const { db } = c.var.services;
  const { id, delivery_id } = c.req.valid('param');
  const endpoint = await queries.findEndpoint(db, id);
  const delivery = endpoint && (await queries.findDelivery(db, id, delivery_id));
  if (!endpoint || !delivery) throw new AppError({ code: 'not_found', message: 'Delivery not found' });
  if (!endpoint.enabled) throw disabled();
  const requeued = await queries.requeueDelivery(db, delivery_id);
  await createWebhookQueue(c.env).send([delivery_id]);
  const logs = await queries.attemptsOf(db, [delivery_id]);
  return c.json(queries.toDelivery(requeued!, logs.get(delivery_id) ?? []), 202);
};
