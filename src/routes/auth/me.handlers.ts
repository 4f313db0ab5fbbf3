import { hashPassword, verifyPassword } from '../../auth/password';
import { canonicalTimeZone } from '../../domain/timezone';
import { AppError } from '../../lib/app-error';
import { log } from '../../lib/logger';
import type { AppRouteHandler } from '../../lib/types';
import { limitPasswordChecks } from './auth.limits';
import { findUserById, toMeResponse, updateUser, type UserPatch } from './auth.queries';
import type { GetMeRoute, UpdateMeRoute } from './auth.routes';
import { passwordParams } from './credentials';
import { revokeUserRefreshTokens } from './refresh-tokens';

function userGone(): AppError {
  return new AppError({ code: 'unauthorized', message: 'User no longer exists' });
}

export const getMe: AppRouteHandler<GetMeRoute> = async (c) => {
  const user = await findUserById(c.var.services.db, c.var.user.id);
  if (!user) throw userGone();
  return c.json(toMeResponse(user), 200);
};

export const updateMe: AppRouteHandler<UpdateMeRoute> = async (c) => {
  const body = c.req.valid('json');
  const { db } = c.var.services;
  const userId = c.var.user.id;
  const patch: UserPatch = {};
  if (body.timezone !== undefined) patch.timezone = canonicalTimeZone(body.timezone) ?? body.timezone;
  if (body.email !== undefined || body.password !== undefined) {
    // Limited before anything is checked: the password guesses, and the 409s that would tell which
    // addresses are registered.
    await limitPasswordChecks(c, userId);
    const current = await findUserById(db, userId);
    if (!current) throw userGone();
    if (!(await verifyPassword(body.current_password ?? '', current.passwordHash))) {
      throw new AppError({
        code: 'validation_failed',
        message: 'Invalid body: current_password: is incorrect',
        details: [{ field: 'current_password', message: 'is incorrect' }],
      });
    }
  }
  if (body.email !== undefined) patch.email = body.email.toLowerCase();
  if (body.password !== undefined) patch.passwordHash = await hashPassword(body.password, passwordParams(c.var.config));
  // One transaction: a new password never goes live while the old sessions survive.
  const user = await c.var.services.pool.transaction(async (tx) => {
    const row = await updateUser(tx, userId, patch);
    if (row && patch.passwordHash) await revokeUserRefreshTokens(tx, userId);
    return row;
  });
  if (!user) throw userGone();
  log.info('user_updated', { request_id: c.var.requestId, user_id: userId, fields: Object.keys(patch) });
  return c.json(toMeResponse(user), 200);
};
