import { z } from '@hono/zod-openapi';
import { notFound } from './error-handler';
import { errorResponse, openApiErrorResponses } from './openapi';
import { buildOpenApiDocument } from './openapi-document';
import type { AppOpenAPI } from './types';

export const OPENAPI_PATH = '/openapi.json';

export function configureOpenAPI(app: AppOpenAPI) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Access token from POST /auth/login',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'oauth2Password', {
    type: 'oauth2',
    description: 'OAuth2 password flow, as Swagger UI sends it (form-encoded).',
    flows: { password: { tokenUrl: '/auth/login', refreshUrl: '/auth/refresh', scopes: {} } },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'sq_live_…',
    description: 'A server API key (POST /admin/api-keys) as `Authorization: Bearer sq_live_…`; each route names the scope it needs.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKeyHeader', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description: 'The same server API key in the `X-Api-Key` header instead.',
  });
  // `servers` from configuration: a document built from the Host header sends Swagger UI's requests,
  // tokens and all, wherever the request claimed to be.
  app.doc31(OPENAPI_PATH, (c) => buildOpenApiDocument(c.var.config.PUBLIC_BASE_URL || '/'));
  app.get('/docs', (c) => {
    if (!c.var.config.DOCS_ENABLED) return notFound(c);
    return c.html(swaggerPage(), 200, { 'Content-Security-Policy': docsPolicy(c.var.config.PUBLIC_BASE_URL) });
  });
  documentOwnRoutes(app);
}

/** The two routes above are plain Hono routes: they enter the document here, like every createRoute. */
function documentOwnRoutes(app: AppOpenAPI) {
  const common = { tags: ['System'], security: [], responses: { 500: openApiErrorResponses[500], 503: openApiErrorResponses[503] } };
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: OPENAPI_PATH,
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI 3.1 document',
    description: 'The contract every client is generated from. `servers` is `PUBLIC_BASE_URL`, or `/` when it is not set.',
    ...common,
    responses: {
      200: { description: 'The document', content: { 'application/json': { schema: z.looseObject({}) } } },
      ...common.responses,
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/docs',
    operationId: 'getApiDocs',
    summary: 'Swagger UI for this document',
    description: 'An HTML page served from the worker’s own assets (works offline). 404 when `DOCS_ENABLED` is false.',
    ...common,
    responses: {
      200: { description: 'The Swagger UI page', content: { 'text/html': { schema: z.string() } } },
      404: errorResponse('not_found', { description: 'Swagger UI is turned off (`DOCS_ENABLED=false`)', message: 'No route for GET /docs' }),
      ...common.responses,
    },
  });
}

/**
 * Swagger UI runs from the worker's own files and calls the API it documents: nothing inline, nothing
 * from elsewhere (its CSS embeds a few data: images), and no page may frame it.
 */
function docsPolicy(publicBaseUrl: string): string {
  const api = publicBaseUrl ? ` ${new URL(publicBaseUrl).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${api}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Swagger UI from the worker's own static assets (public/swagger-ui), so it renders offline; the page
 * starts it from public/swagger-init.js, which reads the document's address from `data-openapi-url`.
 */
function swaggerPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>SkillQuest Edge API · Swagger UI</title>
  <link rel="stylesheet" href="/swagger-ui/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui" data-openapi-url="${OPENAPI_PATH}"></div>
  <script src="/swagger-ui/swagger-ui-bundle.js"></script>
  <script src="/swagger-init.js"></script>
</body>
</html>`;
}
