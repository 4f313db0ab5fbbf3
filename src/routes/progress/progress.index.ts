import { createRouter } from '../../lib/create-app';
import * as handlers from './progress.handlers';
import * as routes from './progress.routes';

export const progressRouter = createRouter()
  .openapi(routes.progress, handlers.progress)
  .openapi(routes.legacyProgress, handlers.progress);
