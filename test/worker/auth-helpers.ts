import { SignJWT } from 'jose';
import { api, config, unique } from './helpers';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/**
 * A client address no other test uses: registrations are limited per IP and logins per
 * username+IP, and every test in a run shares one Redis prefix.
 */
export function randomIp(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

export interface Registered {
  id: string;
  username: string;
  email: string;
  password: string;
}

/** Registers a fresh account through the API (from its own IP) and returns its credentials. */
export async function registerUser(overrides: Record<string, unknown> = {}): Promise<Registered> {
  const username = unique('reg');
  const body = { username, email: `${username}@example.test`, password: `pw-${username}-long`, ...overrides };
  const res = await api('POST', '/auth/register', { body, headers: { 'CF-Connecting-IP': randomIp() } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return { id: res.json.id, username: String(body.username), email: String(body.email), password: String(body.password) };
}

export function loginJson(username: string, password: string, ip = randomIp()) {
  return api('POST', '/auth/login', { body: { username, password }, headers: { 'CF-Connecting-IP': ip } });
}

/** As Swagger UI's Authorize sends it. */
export function loginForm(username: string, password: string, ip = randomIp()) {
  const body = new URLSearchParams({ grant_type: 'password', username, password, scope: '' }).toString();
  return api('POST', '/auth/login', { body, headers: { ...FORM, 'CF-Connecting-IP': ip } });
}

export function refreshWith(refreshToken: string) {
  return api('POST', '/auth/refresh', { body: { refresh_token: refreshToken } });
}

export function refreshWithForm(refreshToken: string) {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString();
  return api('POST', '/auth/refresh', { body, headers: FORM });
}

/** Logs in and returns the tokens, failing loudly if that does not work. */
export async function tokensOf(user: Pick<Registered, 'username' | 'password'>) {
  const res = await loginJson(user.username, user.password);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.json as { access_token: string; refresh_token: string; token_type: string; expires_in: number };
}

export interface TokenChange {
  secret?: string;
  iss?: string;
  aud?: string;
  exp?: number;
  typ?: string;
  role?: string;
}

/** An access token like the real ones, signed here with one thing changed. */
export function forgeAccessToken(userId: string, change: TokenChange = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: change.role ?? 'player' })
    .setProtectedHeader({ alg: 'HS256', typ: change.typ ?? 'at+jwt' })
    .setSubject(userId)
    .setIssuer(change.iss ?? config.JWT_ISSUER)
    .setAudience(change.aud ?? config.JWT_AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(change.exp ?? now + 600)
    .sign(new TextEncoder().encode(change.secret ?? config.JWT_SECRET));
}
