import type { Context } from 'hono';
import { isForeignKeyViolation, uniqueConflict } from '../../db/pg-errors';
import { AppError } from '../../lib/app-error';
import { log } from '../../lib/logger';
import type { AppBindings, AppRouteHandler, AuthUser } from '../../lib/types';
import { unauthorized } from '../../middleware/auth';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import * as queries from './challenges.queries';
import type { CreateRoute, GetRoute, ListRoute, RemoveRoute, UpdateRoute } from './challenges.routes';

const notFound = () => new AppError({ code: 'not_found', message: 'Challenge not found' });
const titleConflict = { challenges_title_key: { message: 'A challenge with this title already exists' } };

/** maybeAuthed leaves `user` unset for anonymous callers. */
const viewer = (c: Context<AppBindings>): AuthUser | undefined => c.get('user');
const isAdmin = (c: Context<AppBindings>) => viewer(c)?.role === 'admin';

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const query = c.req.valid('query');
  if ((query.include_unpublished || query.include_archived) && !isAdmin(c)) {
    const message = 'include_unpublished and include_archived need an admin token';
    if (!viewer(c)) throw unauthorized(message);
    throw new AppError({ code: 'forbidden', message });
  }
  const { rows, next } = await queries.listChallenges(c.var.services.db, {
    difficulty: query.difficulty,
    tag: query.tag,
    q: query.q?.trim() || undefined,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit,
    visibility: { unpublished: query.include_unpublished ?? false, archived: query.include_archived ?? false },
  });
  return c.json({ items: rows.map(queries.toChallenge), next_cursor: next ? encodeCursor(next) : null }, 200);
};

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const visibility = isAdmin(c) ? { unpublished: true, archived: true } : queries.PLAYER_VISIBILITY;
  const row = await queries.findChallenge(c.var.services.db, id, visibility);
  if (!row) throw notFound();
  return c.json(queries.toChallenge(row), 200);
};

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const body = c.req.valid('json');
  try {
    const row = await queries.insertChallenge(c.var.services.db, body, c.var.user.id);
    if (!row) throw new Error('challenge insert returned nothing');
    log.info('challenge_created', { challenge_id: row.id, by: c.var.user.id });
    return c.json(queries.toChallenge(row), 201);
  } catch (err) {
    throw uniqueConflict(err, titleConflict) ?? err;
  }
};

export const update: AppRouteHandler<UpdateRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.var.services.db;
  let row: queries.ChallengeRow | undefined;
  try {
    row = await queries.updateChallenge(db, id, c.req.valid('json'));
  } catch (err) {
    throw uniqueConflict(err, titleConflict) ?? err;
  }
  if (!row) {
    // updateChallenge skips archived rows: tell "archived" (409) from "never existed" (404).
    if (await queries.challengeExists(db, id)) throw new AppError({ code: 'conflict', message: 'Archived challenges cannot be changed' });
    throw notFound();
  }
  return c.json(queries.toChallenge(row), 200);
};

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.var.services.db;
  let deleted = false;
  try {
    deleted = await queries.deleteUnattempted(db, id);
  } catch (err) {
    // An attempt started between the check and the delete: the FK (restrict) refused; archive instead.
    if (!isForeignKeyViolation(err)) throw err;
  }
  if (!deleted && !(await queries.archiveChallenge(db, id))) throw notFound();
  log.info(deleted ? 'challenge_deleted' : 'challenge_archived', { challenge_id: id, by: c.var.user.id });
  return c.body(null, 204);
};
