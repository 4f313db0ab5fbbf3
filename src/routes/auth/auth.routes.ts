import { createRoute } from '@hono/zod-openapi';
import {
  bodyErrorResponses,
  conflictResponseFor,
  errorResponse,
  invalidResponse,
  jsonContent,
  openApiErrorResponses,
  rateLimitedResponseFor,
  unauthorizedResponse,
} from '../../lib/openapi';
import { authed } from '../../middleware/auth';
import * as s from './auth.schemas';

const tags = ['Auth'];
const unauthorized = (description: string, message: string) => ({ 401: errorResponse('unauthorized', { description, message }) });
const unsupportedMediaType = {
  415: errorResponse('unsupported_media_type', {
    description: 'Body is neither JSON nor form-encoded',
    message: 'Send the credentials with "Content-Type: application/json" or "Content-Type: application/x-www-form-urlencoded"',
  }),
};

export const register = createRoute({
  method: 'post',
  path: '/auth/register',
  operationId: 'register',
  tags,
  security: [],
  summary: 'Create a player account',
  description:
    'Answers the new user (no tokens: log in next). Username and email are unique case-insensitively; ' +
    'the email is stored lower-cased. `role`, `total_xp` or any other unknown field is a 422. ' +
    'Limited per client IP (`REGISTRATIONS_PER_HOUR`).',
  request: { body: { required: true, content: jsonContent(s.RegisterRequestSchema) } },
  responses: {
    201: { description: 'Account created', content: jsonContent(s.MeSchema) },
    ...openApiErrorResponses,
    ...invalidResponse('json', 'email', 'Invalid email address'),
    ...conflictResponseFor('Username is already taken', 'The username or the email is already registered', [
      { field: 'username', message: 'already in use' },
    ]),
    ...rateLimitedResponseFor('registrations from this address'),
    ...bodyErrorResponses,
  },
});

export const login = createRoute({
  method: 'post',
  path: '/auth/login',
  operationId: 'login',
  tags,
  security: [],
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
    ...invalidResponse('json', 'password', 'Invalid input: expected string, received undefined'),
    ...unauthorized('Wrong username or password (one message for both)', 'Invalid username or password'),
    ...bodyErrorResponses,
    ...unsupportedMediaType,
    ...rateLimitedResponseFor('login attempts'),
  },
});

export const refresh = createRoute({
  method: 'post',
  path: '/auth/refresh',
  operationId: 'refreshTokens',
  tags,
  security: [],
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
    ...invalidResponse('json', 'refresh_token', 'Invalid input: expected string, received undefined'),
    ...unauthorized('Unknown, expired, revoked or reused refresh token', 'Refresh token was already used; its session has been revoked'),
    ...bodyErrorResponses,
    ...unsupportedMediaType,
  },
});

export const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  operationId: 'logout',
  tags,
  security: [],
  summary: 'Log out: revoke a refresh token and its family',
  description: 'Needs no access token: the refresh token is the credential. Idempotent: an unknown or already revoked token is also a 204.',
  request: { body: { required: true, content: jsonContent(s.LogoutRequestSchema) } },
  responses: {
    204: { description: 'Revoked' },
    ...openApiErrorResponses,
    ...invalidResponse('json', 'refresh_token', 'Invalid input: expected string, received undefined'),
    ...bodyErrorResponses,
  },
});

export const getMe = createRoute({
  method: 'get',
  path: '/auth/me',
  operationId: 'getMe',
  tags,
  summary: 'The authenticated user, with email',
  description: 'Your account as the access token names it: id, username, email, role, XP, level and timezone.',
  ...authed,
  responses: { 200: { description: 'You', content: jsonContent(s.MeSchema) }, ...openApiErrorResponses, ...unauthorizedResponse },
});

export const updateMe = createRoute({
  method: 'patch',
  path: '/auth/me',
  operationId: 'updateMe',
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
    ...invalidResponse('json', 'current_password', 'is required to change the email or password'),
    ...unauthorizedResponse,
    ...conflictResponseFor('Email is already registered', 'Another account has this email', [{ field: 'email', message: 'already in use' }]),
    ...rateLimitedResponseFor('password checks'),
    ...bodyErrorResponses,
  },
});

export type RegisterRoute = typeof register;
export type LoginRoute = typeof login;
export type RefreshRoute = typeof refresh;
export type LogoutRoute = typeof logout;
export type GetMeRoute = typeof getMe;
export type UpdateMeRoute = typeof updateMe;
