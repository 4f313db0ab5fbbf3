import { createRouter } from '../../lib/create-app';
import * as handlers from './leaderboard.handlers';
import * as routes from './leaderboard.routes';

export const leaderboardRouter = createRouter().openapi(routes.top, handlers.top).openapi(routes.around, handlers.around);
