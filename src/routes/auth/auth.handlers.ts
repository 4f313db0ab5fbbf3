import { hashPassword, needsRehash, verifyPassword } from '../../auth/password';
import { canonicalTimeZone } from '../../domain/timezone';
import type { Config } from '../../lib/config';
import { log } from '../../lib/logger';
import type { AppRouteHandler } from '../../lib/types';
import { limitLoginsFromIp, limitLoginsOfAccount, limitRegistrations } from './auth.limits';
import { findUserById, findUserByLogin, insertUser, replacePasswordHash, toMeResponse } from './auth.queries';
import type { LoginRoute, LogoutRoute, RefreshRoute, RegisterRoute } from './auth.routes';
import { bodyByContentType, dummyPasswordHash, foldLoginName, invalidCredentials, passwordParams, tokensFor } from './credentials';
import { issueFamily, revokeFamilyOf, rotateRefreshToken, type TokenLifetime } from './refresh-tokens';

function refreshLifetime(config: Config): TokenLifetime {
  return { ttlSeconds: config.REFRESH_TOKEN_TTL_SECONDS, familyMaxAgeSeconds: config.REFRESH_FAMILY_MAX_AGE_SECONDS };
}

export const register: AppRouteHandler<RegisterRoute> = async (c) => {
  await limitRegistrations(c);
  const body = c.req.valid('json');
  const user = await insertUser(c.var.services.db, {
    username: body.username,
    email: body.email.toLowerCase(),
    passwordHash: await hashPassword(body.password, passwordParams(c.var.config)),
    timezone: canonicalTimeZone(body.timezone ?? 'UTC') ?? 'UTC',
  });
  log.info('user_registered', { request_id: c.var.requestId, user_id: user.id });
  return c.json(toMeResponse(user), 201);
};

export const login: AppRouteHandler<LoginRoute> = async (c) => {
  const { username, password } = bodyByContentType(
    c.req.header('Content-Type'),
    () => c.req.valid('form'),
    () => c.req.valid('json'),
  );
  await limitLoginsFromIp(c);
  const folded = foldLoginName(username);
  if (!folded) {
    log.info('login_failed', { request_id: c.var.requestId, user_exists: false });
    throw invalidCredentials();
  }
  const { config, services } = c.var;
  const params = passwordParams(config);
  const user = await findUserByLogin(services.db, folded);
  await limitLoginsOfAccount(c, user ? `user:${user.id}` : `name:${folded}`);
  // Always one password hash, so an unknown username costs as much time as a wrong password.
  const valid = await verifyPassword(password, user?.passwordHash ?? dummyPasswordHash(params));
  if (!user || !valid) {
    log.info('login_failed', { request_id: c.var.requestId, user_exists: Boolean(user) });
    throw invalidCredentials();
  }
  let passwordHash = user.passwordHash;
  if (needsRehash(passwordHash, params)) {
    // The cost was raised since this hash was made; the clear password is only here now.
    const rehashed = await hashPassword(password, params);
    if (await replacePasswordHash(services.db, user.id, passwordHash, rehashed)) {
      passwordHash = rehashed;
      log.info('password_rehashed', { user_id: user.id });
    }
  }
  // Issued only while the password is still the one just checked: a change that raced this login wins.
  const refreshToken = await issueFamily(services.db, {
    userId: user.id,
    passwordHash,
    lifetime: refreshLifetime(config),
  });
  if (!refreshToken) throw invalidCredentials();
  log.info('user_logged_in', { request_id: c.var.requestId, user_id: user.id });
  return c.json(await tokensFor(config, user, refreshToken), 200);
};

export const refresh: AppRouteHandler<RefreshRoute> = async (c) => {
  const body = bodyByContentType(
    c.req.header('Content-Type'),
    () => c.req.valid('form'),
    () => c.req.valid('json'),
  );
  const { config, services } = c.var;
  const rotated = await rotateRefreshToken(services.pool, body.refresh_token, refreshLifetime(config));
  // The role is read again: a promotion or demotion shows up at the next refresh.
  const user = await findUserById(services.db, rotated.userId);
  if (!user) throw invalidCredentials();
  return c.json(await tokensFor(config, user, rotated.refreshToken), 200);
};

export const logout: AppRouteHandler<LogoutRoute> = async (c) => {
  await revokeFamilyOf(c.var.services.pool, c.req.valid('json').refresh_token);
  return c.body(null, 204);
};
