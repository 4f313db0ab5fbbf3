import { demoUsers } from '../../seed/data';
import { notFound } from './error-handler';
import type { AppOpenAPI } from './types';

export const OPENAPI_PATH = '/openapi.json';

const demoLogins = demoUsers.map((user) => `\`${user.username}\` / \`${user.password}\` (${user.role})`).join(', ');

const API_DESCRIPTION = `Gamification backend at the edge: players start coding challenges, submit a score and earn
XP, levels and badges; a leaderboard ranks them and updates live.

Errors always have the shape \`{"error":{"code","message","details?","request_id"}}\`.
Authenticate with **Authorize** → OAuth2 password flow (username + password), or paste an access token as bearer.

**Local demo logins** (seeded by \`npm run dev\`; a production deployment has none): ${demoLogins}.

A first round: **Authorize** as alice → \`GET /challenges\` (copy an \`id\`) → \`POST /attempts\` with that
\`challenge_id\` → \`POST /attempts/{id}/submit\` with the attempt's \`id\` and a score of 70 or more → a moment
later \`GET /users/{id}/progress\` shows the XP.`;

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
  // `servers` from configuration: a document built from the Host header sends Swagger UI's requests,
  // tokens and all, wherever the request claimed to be.
  app.doc31(OPENAPI_PATH, (c) => buildOpenApiDocument(c.var.config.PUBLIC_BASE_URL || '/'));
  app.get('/docs', (c) => {
    if (!c.var.config.DOCS_ENABLED) return notFound(c);
    return c.html(swaggerPage(), 200, { 'Content-Security-Policy': docsPolicy(c.var.config.PUBLIC_BASE_URL) });
  });
}

export function buildOpenApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'SkillQuest Edge API', version: '0.1.0', description: API_DESCRIPTION },
    servers: [{ url: serverUrl, description: 'This server' }],
  };
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
