import { createRouter } from '../../lib/create-app';
import { metrics } from './metrics.handlers';
import * as routes from './metrics.routes';

export const metricsRouter = createRouter().openapi(routes.metrics, metrics);
