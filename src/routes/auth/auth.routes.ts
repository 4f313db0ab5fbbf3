import { createRoute } from '@hono/zod-openapi';
import { authErrorResponses, bodyErrorResponses, conflictResponse, ErrorSchema, jsonContent, openApiErrorResponses, rateLimitedResponse } from '../../lib/openapi';
import { authed } from '../../middleware/auth';
import * as s from './auth.schemas';

const tags = ['Auth'];
const unauthorized = { 401: authErrorResponses[401] };
const unsupportedMediaType = {
  415: { description: 'Body is neither JSON nor form-encoded', content: jsonContent(ErrorSchema) },
};

export const register = createRoute({
  method: 'post',
  path: '/auth/register',
  tags,
  summary: 'Create a player account',
  description:
    'Answers the new user (no tokens: log in next). Username and email are unique case-insensitively; ' +
    'the email is stored lower-cased. `role`, `total_xp` or any other unknown field is a 422. ' +
    'Limited per client IP (`REGISTRATIONS_PER_HOUR`).',
  request: { body: { required: true, content: jsonContent(s.RegisterRequestSchema) } },
  responses: {
    201: { description: 'Account created', content: jsonContent(s.MeSchema) },
    ...openApiErrorResponses,
    ...bodyErrorResponses,
    ...conflictResponse,
    ...rateLimitedResponse,
  },
});

export const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags,
  summary: 'Log in (OAuth2 password flow)',
  description:
    'Form-encoded as Swagger UI sends it (`grant_type=password&username=…&password=…`) or JSON. ' +
    '`username` may also be the email. Every attempt counts, first toward `LOGINS_PER_IP_PER_MINUTE` per client IP ' +
    '(before any lookup), then toward `LOGINS_PER_MINUTE` per account and IP and `LOGINS_PER_ACCOUNT_PER_HOUR` per ' +
    'account from any IP. A name with non-ASCII characters is no account’s name: 401 like a wrong password.',
  request: {
    body: {
      content: {
        'application/x-www-form-urlencoded': { schema: s.LoginFormSchema },
        'application/json': { schema: s.LoginJsonSchema },
      },
    },
  },
  responses: {
    200: { description: 'Access and refresh tokens', content: jsonContent(s.TokensSchema) },
    ...openApiErrorResponses,
    ...bodyErrorResponses,
    401: { ...unauthorized[401], description: 'Wrong username or password (one message for both)' },
    ...unsupportedMediaType,
    ...rateLimitedResponse,
  },
});

export const refresh = createRoute({
  method: 'post',
  path: '/auth/refresh',
  tags,
  summary: 'Rotate a refresh token',
  description:
    'Answers new tokens; the presented refresh token is spent. Presenting a spent token again revokes ' +
    'its whole family (every token issued from the same login). A family ends `REFRESH_FAMILY_MAX_AGE_SECONDS` ' +
    'after its login however often it refreshes. Accepts JSON or the OAuth2 form ' +
    '(`grant_type=refresh_token&refresh_token=…`).',
  request: {
    body: {
      content: {
        'application/json': { schema: s.RefreshJsonSchema },
        'application/x-www-form-urlencoded': { schema: s.RefreshFormSchema },
      },
    },
  },
  responses: {
    200: { description: 'New access and refresh tokens', content: jsonContent(s.TokensSchema) },
    ...openApiErrorResponses,
    ...bodyErrorResponses,
    401: { ...unauthorized[401], description: 'Unknown, expired, revoked or reused refresh token' },
    ...unsupportedMediaType,
  },
});

export const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags,
  summary: 'Log out: revoke a refresh token and its family',
  description: 'Idempotent: an unknown or already revoked token is also a 204.',
  request: { body: { required: true, content: jsonContent(s.LogoutRequestSchema) } },
  responses: { 204: { description: 'Revoked' }, ...openApiErrorResponses, ...bodyErrorResponses },
});

export const getMe = createRoute({
  method: 'get',
  path: '/auth/me',
  tags,
  summary: 'The authenticated user, with email',
  ...authed,
  responses: { 200: { description: 'You', content: jsonContent(s.MeSchema) }, ...openApiErrorResponses, ...unauthorized },
});

export const updateMe = createRoute({
  method: 'patch',
  path: '/auth/me',
  tags,
  summary: 'Change your timezone, email or password',
  description:
    'A new `email` or `password` needs `current_password` (422 naming it when missing or wrong); these checks ' +
    'are limited per user like logins (`LOGINS_PER_MINUTE`). A new password ends every session (all refresh ' +
    'tokens are revoked; access tokens already issued live until they expire). Unknown fields (`role`, ' +
    '`total_xp`, `username`, …) are a 422.',
  ...authed,
  request: { body: { required: true, content: jsonContent(s.UpdateMeRequestSchema) } },
  responses: {
    200: { description: 'You, updated', content: jsonContent(s.MeSchema) },
    ...openApiErrorResponses,
    ...bodyErrorResponses,
    ...unauthorized,
    ...conflictResponse,
    ...rateLimitedResponse,
  },
});

export type RegisterRoute = typeof register;
export type LoginRoute = typeof login;
export type RefreshRoute = typeof refresh;
export type LogoutRoute = typeof logout;
export type GetMeRoute = typeof getMe;
export type UpdateMeRoute = typeof updateMe;
