import type { Context } from 'hono';
import { uniqueConflict } from '../../db/pg-errors';
import { AppError } from '../../lib/app-error';
import { describeError, log } from '../../lib/logger';
import type { AppBindings, AppRouteHandler } from '../../lib/types';
import * as queries from './badges.queries';
import type { CreateRoute, ListRoute, MineRoute, RemoveRoute, UpdateRoute, UserBadgesRoute } from './badges.routes';

const notFound = () => new AppError({ code: 'not_found', message: 'Badge not found' });
const nameConflict = { badges_name_lower_key: { message: 'A badge with this name already exists' } };

/** jsonb reorders keys, so compare conditions with sorted keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The badge is saved either way; a lost backfill is caught up by the admin recalc job, so log, don't fail. */
async function backfill(c: Context<AppBindings>, badgeId: string) {
  try {
    await c.var.services.queue.send({ type: 'badge_backfill', badgeId });
    log.info('badge_backfill_enqueued', { badge_id: badgeId });
  } catch (err) {
    log.error('badge_backfill_enqueue_failed', { badge_id: badgeId, ...describeError(err) });
  }
}

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { rows, total } = await queries.listBadges(c.var.services.db, c.req.valid('query'));
  return c.json({ items: rows.map(queries.toBadge), total }, 200);
};

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  let row: queries.BadgeRow | undefined;
  try {
    row = await queries.insertBadge(c.var.services.db, c.req.valid('json'));
  } catch (err) {
    throw uniqueConflict(err, nameConflict) ?? err;
  }
  if (!row) throw new Error('badge insert returned nothing');
  log.info('badge_created', { badge_id: row.id, by: c.var.user.id });
  await backfill(c, row.id);
  return c.json(queries.toBadge(row), 201);
};

export const update: AppRouteHandler<UpdateRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const db = c.var.services.db;
  const before = await queries.findBadge(db, id);
  if (!before) throw notFound();
  let row: queries.BadgeRow | undefined;
  try {
    row = await queries.updateBadge(db, id, body);
  } catch (err) {
    throw uniqueConflict(err, nameConflict) ?? err;
  }
  if (!row) throw notFound(); // deleted in between
  if (body.condition !== undefined && canonical(body.condition) !== canonical(before.condition)) await backfill(c, id);
  return c.json(queries.toBadge(row), 200);
};

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.var.services.db;
  if (await queries.deleteUnawarded(db, id)) {
    log.info('badge_deleted', { badge_id: id, by: c.var.user.id });
    return c.body(null, 204);
  }
  if (await queries.findBadge(db, id)) {
    throw new AppError({ code: 'conflict', message: 'Players have earned this badge; badges are never taken away' });
  }
  throw notFound();
};

export const mine: AppRouteHandler<MineRoute> = async (c) => {
  const page = await queries.earnedBadges(c.var.services.db, c.var.user.id, c.req.valid('query'));
  return c.json(page, 200);
};

export const userBadges: AppRouteHandler<UserBadgesRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const page = await queries.userBadgesPage(c.var.services.db, id, c.req.valid('query'));
  if (!page) throw new AppError({ code: 'not_found', message: 'User not found' });
  return c.json(page, 200);
};
