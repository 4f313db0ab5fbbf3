import { api } from './api.js';

// sessionStorage: the tokens last as long as the tab, and never reach another site.
const KEY = 'skillquest.session';

export function savedSession() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
}

function save(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

/** Registers (when asked) and logs in; returns {token, refreshToken, user: {id, username, role}}. */
export async function signIn({ action, username, email, password }) {
  if (action === 'register') await api('POST', '/auth/register', { body: { username, email, password } });
  const tokens = await api('POST', '/auth/login', { body: { username, password } });
  const me = await api('GET', '/auth/me', { token: tokens.access_token });
  const session = { token: tokens.access_token, refreshToken: tokens.refresh_token, user: { id: me.id, username: me.username, role: me.role } };
  save(session);
  return session;
}

// One refresh at a time: a refresh token is spent when used, and presenting it twice revokes the session.
let refreshing = null;

/** Rotates the session's tokens in place (POST /auth/refresh) and stores the new pair. */
function refresh(session) {
  refreshing ??= api('POST', '/auth/refresh', { body: { refresh_token: session.refreshToken } })
    .then((tokens) => {
      session.token = tokens.access_token;
      session.refreshToken = tokens.refresh_token;
      save(session);
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * Calls the API as the session's user. Access tokens live 15 minutes: on a 401 the session refreshes
 * once and the call is sent again, so a page left open keeps working for as long as its session does.
 */
export async function callAs(session, method, path, body) {
  const token = session.token;
  try {
    return await api(method, path, { token, body });
  } catch (err) {
    if (err.status !== 401 || !session.refreshToken) throw err;
    if (session.token === token) await refresh(session); // else another call refreshed meanwhile
    return api(method, path, { token: session.token, body });
  }
}

/** Checks a saved session still works, refreshing it if its access token has expired. */
export async function resume(session) {
  try {
    const me = await callAs(session, 'GET', '/auth/me');
    return { ...session, user: { id: me.id, username: me.username, role: me.role } };
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export async function signOut(session) {
  sessionStorage.removeItem(KEY);
  if (session && session.refreshToken) {
    await api('POST', '/auth/logout', { body: { refresh_token: session.refreshToken } }).catch(() => {});
  }
}

/** The seeded demo logins, offered only by a development server (GET /demo/accounts); [] anywhere else. */
export async function demoAccounts() {
  try {
    return (await api('GET', '/demo/accounts')).accounts;
  } catch {
    return [];
  }
}
