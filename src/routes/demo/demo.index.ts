import { createRouter } from '../../lib/create-app';
import * as handlers from './demo.handlers';
import * as routes from './demo.routes';

export const demoRouter = createRouter().openapi(routes.accounts, handlers.accounts);
