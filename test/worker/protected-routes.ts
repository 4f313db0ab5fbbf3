/**
 * Every operation that looks at the Authorization header, and what it needs. One table drives the
 * 401/403 cases of all of them (protected-routes.security.test.ts), so a resource's own tests keep
 * only what is particular to it. A route added with `security` in the OpenAPI document and missing
 * here fails that test.
 */

/** Real rows the requests aim at, so "refused" can be checked as "and nothing changed". */
export interface Targets {
  challenge: string;
  badge: string;
  attempt: string;
  job: string;
  player: string;
  deadLetter: string;
  webhook: string;
  delivery: string;
  apiKey: string;
  externalId: string;
  credential: string;
}

export interface ProtectedRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (t: Targets) => string;
  /** A valid body: the refusal must come from the token, not from validation. `name` is unique per request. */
  body?: (t: Targets, name: string) => unknown;
  /**
   * auth: any valid access token; admin: an admin's (a player's is a 403); optional: none, or a valid one;
   * key: an API key with `scope` (an access token is a 401); adminOrKey: an admin's token or a key with `scope`.
   */
  needs: 'auth' | 'admin' | 'optional' | 'key' | 'adminOrKey';
  /** The API key scope of `key` and `adminOrKey` routes. */
  scope?: 'results:write' | 'players:read' | 'webhooks:manage';
}

export const protectedRoutes: ProtectedRoute[] = [
  { method: 'GET', path: () => '/auth/me', needs: 'auth' },
  { method: 'PATCH', path: () => '/auth/me', body: () => ({ timezone: 'Asia/Tokyo' }), needs: 'auth' },

  { method: 'GET', path: () => '/challenges', needs: 'optional' },
  { method: 'GET', path: (t) => `/challenges/${t.challenge}`, needs: 'optional' },
  { method: 'POST', path: () => '/challenges', body: (_, name) => ({ title: name, xp: 1, difficulty: 'easy' }), needs: 'admin' },
  { method: 'PUT', path: (t) => `/challenges/${t.challenge}`, body: () => ({ xp: 9999, published: false }), needs: 'admin' },
  { method: 'DELETE', path: (t) => `/challenges/${t.challenge}`, needs: 'admin' },

  { method: 'POST', path: () => '/badges', body: (_, name) => ({ name, condition: { type: 'xp', threshold: 1 } }), needs: 'admin' },
  { method: 'PUT', path: (t) => `/badges/${t.badge}`, body: (_, name) => ({ name, condition: { type: 'xp', threshold: 1 } }), needs: 'admin' },
  { method: 'DELETE', path: (t) => `/badges/${t.badge}`, needs: 'admin' },
  { method: 'GET', path: () => '/badges/me', needs: 'auth' },

  { method: 'POST', path: () => '/attempts', body: (t) => ({ challenge_id: t.challenge }), needs: 'auth' },
  { method: 'POST', path: (t) => `/attempts/${t.attempt}/submit`, body: () => ({ score: 100 }), needs: 'auth' },
  { method: 'GET', path: () => '/attempts', needs: 'auth' },
  { method: 'GET', path: (t) => `/attempts/${t.attempt}`, needs: 'auth' },

  { method: 'GET', path: (t) => `/users/${t.player}/progress`, needs: 'optional' },
  { method: 'GET', path: (t) => `/leaderboard/users/${t.player}/progress`, needs: 'optional' },

  { method: 'GET', path: (t) => `/users/${t.player}/credentials`, needs: 'auth' },
  { method: 'PUT', path: (t) => `/users/${t.player}/did`, body: () => ({ did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' }), needs: 'auth' },
  { method: 'POST', path: (t) => `/admin/credentials/${t.credential}/revoke`, body: () => ({ reason: 'refused' }), needs: 'admin' },

  { method: 'GET', path: () => '/admin/stats', needs: 'admin' },
  { method: 'POST', path: () => '/admin/recalc-xp', needs: 'admin' },
  { method: 'GET', path: (t) => `/admin/jobs/${t.job}`, needs: 'admin' },
  { method: 'GET', path: () => '/admin/reconcile', needs: 'admin' },
  { method: 'GET', path: () => '/admin/dead-letters', needs: 'admin' },
  { method: 'POST', path: (t) => `/admin/dead-letters/${t.deadLetter}/redrive`, needs: 'admin' },
  { method: 'POST', path: () => '/admin/dead-letters/redrive', needs: 'admin' },
  // Also takes METRICS_TOKEN instead of an access token (metrics.test.ts).
  { method: 'GET', path: () => '/metrics', needs: 'admin' },

  { method: 'POST', path: () => '/admin/api-keys', body: (_, name) => ({ name, scopes: ['players:read'] }), needs: 'admin' },
  { method: 'GET', path: () => '/admin/api-keys', needs: 'admin' },
  { method: 'DELETE', path: (t) => `/admin/api-keys/${t.apiKey}`, needs: 'admin' },

  { method: 'POST', path: () => '/results', body: (t, name) => ({ external_id: name, challenge_id: t.challenge, score: 90 }), needs: 'key', scope: 'results:write' },
  { method: 'POST', path: () => '/results/batch', body: (t, name) => ({ results: [{ external_id: name, challenge_id: t.challenge, score: 90 }] }), needs: 'key', scope: 'results:write' },
  { method: 'GET', path: (t) => `/players/external/${t.externalId}`, needs: 'key', scope: 'players:read' },

  { method: 'POST', path: () => '/webhooks', body: () => ({ url: 'https://hooks.example.com/refused', events: ['xp.awarded'] }), needs: 'adminOrKey', scope: 'webhooks:manage' },
  { method: 'GET', path: () => '/webhooks', needs: 'adminOrKey', scope: 'webhooks:manage' },
  { method: 'GET', path: (t) => `/webhooks/${t.webhook}`, needs: 'adminOrKey', scope: 'webhooks:manage' },
  { method: 'PATCH', path: (t) => `/webhooks/${t.webhook}`, body: () => ({ description: 'refused' }), needs: 'adminOrKey', scope: 'webhooks:manage' },
  { method: 'DELETE', path: (t) => `/webhooks/${t.webhook}`, needs: 'adminOrKey', scope: 'webhooks:manage' },
  { method: 'POST', path: (t) => `/webhooks/${t.webhook}/rotate-secret`, needs: 'adminOrKey', scope: 'webhooks:manage' },
  { method: 'POST', path: (t) => `/webhooks/${t.webhook}/test`, needs: 'adminOrKey', scope: 'webhooks:manage' },
  { method: 'GET', path: (t) => `/webhooks/${t.webhook}/deliveries`, needs: 'adminOrKey', scope: 'webhooks:manage' },
  { method: 'POST', path: (t) => `/webhooks/${t.webhook}/deliveries/${t.delivery}/redeliver`, needs: 'adminOrKey', scope: 'webhooks:manage' },
];

/** `PUT /badges/{id}`: a row as the OpenAPI document names the operation. */
export function operationOf(route: ProtectedRoute): string {
  const placeholders = { challenge: '{id}', badge: '{id}', attempt: '{id}', job: '{id}', player: '{id}', deadLetter: '{id}',
    webhook: '{id}', delivery: '{delivery_id}', apiKey: '{id}', externalId: '{external_id}', credential: '{id}' };
  return `${route.method} ${route.path(placeholders)}`;
}
