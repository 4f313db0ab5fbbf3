import { createRouter } from '../../lib/create-app';
import { noStore } from '../../middleware/security-headers';
import * as handlers from './auth.handlers';
import * as routes from './auth.routes';
import * as me from './me.handlers';

const router = createRouter();
// Tokens, and the account they unlock: nothing under /auth/ may be cached.
router.use('/auth/*', noStore());

export const authRouter = router
  .openapi(routes.register, handlers.register)
  .openapi(routes.login, handlers.login)
  .openapi(routes.refresh, handlers.refresh)
  .openapi(routes.logout, handlers.logout)
  .openapi(routes.getMe, me.getMe)
  .openapi(routes.updateMe, me.updateMe);
