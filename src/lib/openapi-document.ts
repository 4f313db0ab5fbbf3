import { demoUsers } from '../../seed/data';
import { license, version } from '../../package.json';

/**
 * The document's own parts (info, servers, tags); the paths come from the routes. `info.version` is the
 * package's version: the contract's semver (README, "Versioning"), checked against main by `npm run api:diff`.
 */

const demoLogins = demoUsers.map((user) => `\`${user.username}\` / \`${user.password}\` (${user.role})`).join(', ');

const API_DESCRIPTION = `Gamification backend at the edge: players start coding challenges, submit a score and earn
XP, levels and badges; a leaderboard ranks them and updates live.

Errors always have the shape \`{"error":{"code","message","details?","request_id"}}\`.
Authenticate with **Authorize** → OAuth2 password flow (username + password), or paste an access token as bearer.

Deprecated operations keep answering and say so with a \`Deprecation\` header and a \`Link\` to their successor.

**Local demo logins** (seeded by \`npm run dev\`; a production deployment has none): ${demoLogins}.

A first round: **Authorize** as alice → \`GET /challenges\` (copy an \`id\`) → \`POST /attempts\` with that
\`challenge_id\` → \`POST /attempts/{id}/submit\` with the attempt's \`id\` and a score of 70 or more → a moment
later \`GET /users/{id}/progress\` shows the XP.`;

export const OPENAPI_TAGS = [
  { name: 'Auth', description: 'Accounts and sessions: register, log in (OAuth2 password flow or JSON), rotate and revoke refresh tokens, read and change your account.' },
  { name: 'Challenges', description: 'The catalog players attempt. Anyone browses published challenges; admins create, edit and archive them.' },
  { name: 'Attempts', description: 'A player’s go at a challenge: start it, submit a score once; XP, level and badges follow in the background.' },
  { name: 'Badges', description: 'Achievements with a condition (XP, passes, streaks, tags, …). Earned badges are never taken away.' },
  { name: 'Leaderboard', description: 'Rankings by XP (all time, week, month), a player’s neighbourhood and progress, and the live WebSocket feed.' },
  { name: 'Results', description: 'Server-to-server result reporting with an API key (`results:write`), idempotent with `Idempotency-Key`; players by the platform’s own user id.' },
  { name: 'Webhooks', description: 'Signed event deliveries (Standard Webhooks) to your endpoints, with retries, a delivery log and redelivery.' },
  { name: 'API keys', description: 'Server API keys (`sq_live_…`) with scopes; admins create, list and revoke them.' },
  { name: 'Credentials', description: 'Earned badges as Open Badges 3.0 verifiable credentials: the issuer (did:web), achievements, signed credentials, their revocation list and verification.' },
  { name: 'Admin', description: 'Game-wide statistics and maintenance jobs; admin tokens only.' },
  { name: 'System', description: 'Liveness, readiness, Prometheus metrics and this document.' },
];

/** `serverUrl`: PUBLIC_BASE_URL, or `/` (relative to the document) when it is not set. */
export function buildOpenApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'SkillQuest Edge API',
      version,
      description: API_DESCRIPTION,
      license: { name: license, identifier: license },
      contact: { name: 'SkillQuest Edge maintainers' },
    },
    servers: [{ url: serverUrl, description: serverUrl === '/' ? 'The server that serves this document' : 'This deployment' }],
    tags: OPENAPI_TAGS,
  };
}
