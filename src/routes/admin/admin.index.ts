import { createRouter } from '../../lib/create-app';
import * as handlers from './admin.handlers';
import * as deadLetterHandlers from './dead-letters.handlers';
import * as deadLetterRoutes from './dead-letters.routes';
import * as routes from './admin.routes';
import * as reconcileHandlers from './reconcile.handlers';
import * as reconcileRoutes from './reconcile.routes';

export const adminRouter = createRouter()
  .openapi(routes.stats, handlers.stats)
  .openapi(routes.recalcXp, handlers.recalcXp)
  .openapi(routes.getJob, handlers.getJob)
  .openapi(reconcileRoutes.reconcile, reconcileHandlers.reconcile)
  .openapi(deadLetterRoutes.listDeadLetters, deadLetterHandlers.listDeadLetters)
  .openapi(deadLetterRoutes.redriveAllDeadLetters, deadLetterHandlers.redriveAllDeadLetters)
  .openapi(deadLetterRoutes.redriveDeadLetter, deadLetterHandlers.redriveDeadLetter);
