import { createRouter } from '../../lib/create-app';
import * as handlers from './credentials.handlers';
import * as routes from './credentials.routes';

export const credentialsRouter = createRouter()
  .openapi(routes.didDocument, handlers.didDocument)
  .openapi(routes.issuerProfile, handlers.issuerProfile)
  .openapi(routes.achievement, handlers.achievement)
  .openapi(routes.listUserCredentials, handlers.listUserCredentials)
  .openapi(routes.setSubjectDid, handlers.setSubjectDid)
  .openapi(routes.statusList, handlers.statusList)
  .openapi(routes.getCredential, handlers.getCredential)
  .openapi(routes.verifyCredential, handlers.verifyCredential)
  .openapi(routes.revokeCredential, handlers.revokeCredential);
