import { demoUsers } from '../../../seed/data';
import { AppError } from '../../lib/app-error';
import type { AppRouteHandler } from '../../lib/types';
import { existingUsernames } from './demo.queries';
import type { AccountsRoute } from './demo.routes';

/**
 * The seed's demo logins that exist, so the live page can offer them. Gated on APP_ENV alone: a
 * production deployment never answers with passwords, even if someone seeded its database.
 */
export const accounts: AppRouteHandler<AccountsRoute> = async (c) => {
  if (c.var.config.APP_ENV !== 'development') {
    throw new AppError({ code: 'not_found', message: 'Demo accounts are offered only in development' });
  }
  const existing = await existingUsernames(c.var.services.db, demoUsers.map((user) => user.username));
  const offered = demoUsers.filter((user) => existing.has(user.username.toLowerCase()));
  return c.json({ accounts: offered.map(({ username, password, role }) => ({ username, password, role })) }, 200);
};
