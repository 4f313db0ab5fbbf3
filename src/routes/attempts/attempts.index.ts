import { createRouter } from '../../lib/create-app';
import * as handlers from './attempts.handlers';
import * as routes from './attempts.routes';

export const attemptsRouter = createRouter()
  .openapi(routes.start, handlers.start)
  .openapi(routes.submit, handlers.submit)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get);
