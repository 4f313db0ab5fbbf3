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

/** Registers (when asked) and logs in; returns {token, refreshToken, user: {id, username}}. */
export async function signIn({ action, username, email, password }) {
  if (action === 'register') await api('POST', '/auth/register', { body: { username, email, password } });
  const tokens = await api('POST', '/auth/login', { body: { username, password } });
  const me = await api('GET', '/auth/me', { token: tokens.access_token });
  const session = { token: tokens.access_token, refreshToken: tokens.refresh_token, user: { id: me.id, username: me.username } };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

/** Checks a saved session still works (the access token may have expired). */
export async function resume(session) {
  try {
    const me = await api('GET', '/auth/me', { token: session.token });
    return { ...session, user: { id: me.id, username: me.username } };
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
