import { createRouter } from '../../lib/create-app';
import * as handlers from './live.handlers';
import * as routes from './live.routes';

export const liveRouter = createRouter().openapi(routes.live, handlers.live);
