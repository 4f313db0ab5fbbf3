import type { AppOpenAPI } from './types';

export const OPENAPI_PATH = '/openapi.json';

const API_DESCRIPTION = `Gamification backend at the edge: players start coding challenges, submit a score and earn
XP, levels and badges; a leaderboard ranks them and updates live.

Errors always have the shape \`{"error":{"code","message","details?","request_id"}}\`.
Authenticate with **Authorize** → OAuth2 password flow (username + password), or paste an access token as bearer.`;

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
  app.doc31(OPENAPI_PATH, (c) => buildOpenApiDocument(new URL(c.req.url).origin));
  app.get('/docs', (c) => c.html(swaggerPage()));
}

export function buildOpenApiDocument(origin: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'SkillQuest Edge API', version: '0.1.0', description: API_DESCRIPTION },
    servers: [{ url: origin, description: 'This server' }],
  };
}

/** Swagger UI from the worker's own static assets (public/swagger-ui), so it renders offline. */
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
  <div id="swagger-ui"></div>
  <script src="/swagger-ui/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: '${OPENAPI_PATH}',
      dom_id: '#swagger-ui',
      deepLinking: true,
      persistAuthorization: true,
      validatorUrl: null,
    });
  </script>
</body>
</html>`;
}
