import { createRouter } from '../../lib/create-app';
import * as handlers from './challenges.handlers';
import * as routes from './challenges.routes';

export const challengesRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.create, handlers.create)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove);
