import { AppError } from '../../lib/app-error';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { AppRouteHandler } from '../../lib/types';
import { countPendingDeadLetters, redriveDeadLetter as redrive, redrivePending } from '../../services/dead-letters';
import { findDeadLetter, listDeadLetters as list, toDeadLetter } from './dead-letters.queries';
import type { ListDeadLettersRoute, RedriveAllDeadLettersRoute, RedriveDeadLetterRoute } from './dead-letters.routes';

export const listDeadLetters: AppRouteHandler<ListDeadLettersRoute> = async (c) => {
  const { limit, cursor, state } = c.req.valid('query');
  const page = await list(c.var.services.db, { state, limit, after: cursor ? decodeCursor(cursor) : undefined });
  return c.json({ items: page.items.map(toDeadLetter), next_cursor: page.next ? encodeCursor(page.next) : null }, 200);
};

export const redriveDeadLetter: AppRouteHandler<RedriveDeadLetterRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const { db, queue } = c.var.services;
  const outcome = await redrive(db, queue, id);
  if (outcome === 'not_found') throw new AppError({ code: 'not_found', message: 'Dead letter not found' });
  if (outcome === 'already_redriven') throw new AppError({ code: 'conflict', message: 'Dead letter was already redriven' });
  if (outcome === 'not_a_queue_message') {
    throw new AppError({ code: 'conflict', message: 'Dead letter body is not a message the award queue accepts; it stays pending' });
  }
  return c.json(toDeadLetter(await findDeadLetter(db, id)), 200);
};

export const redriveAllDeadLetters: AppRouteHandler<RedriveAllDeadLettersRoute> = async (c) => {
  const { db, queue } = c.var.services;
  const redriven = await redrivePending(db, queue);
  return c.json({ redriven, pending: await countPendingDeadLetters(db) }, 200);
};
