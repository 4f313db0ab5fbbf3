import { createRouter } from '../../lib/create-app';
import * as handlers from './badges.handlers';
import * as routes from './badges.routes';

// /badges/me is registered before the /badges/{id} routes so "me" is never read as an id.
export const badgesRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.mine, handlers.mine)
  .openapi(routes.userBadgesDeprecated, handlers.userBadges)
  .openapi(routes.userBadges, handlers.userBadges)
  .openapi(routes.create, handlers.create)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove);
