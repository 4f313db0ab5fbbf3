import { createRouter } from '../../lib/create-app';
import * as handlers from './results.handlers';
import * as routes from './results.routes';

export const resultsRouter = createRouter()
  .openapi(routes.reportResult, handlers.reportResult)
  .openapi(routes.reportResults, handlers.reportResults)
  .openapi(routes.getExternalPlayer, handlers.getExternalPlayer);
