import { z } from '@hono/zod-openapi';
import { userRole } from '../../db/schema';
import { storableText } from '../../domain/text';
import { canonicalTimeZone } from '../../domain/timezone';

export const UsernameSchema = z
  .string()
  .min(3)
  .max(32)
  .regex(/^[a-zA-Z0-9_.-]+$/, 'may contain only letters, digits, "_", "." and "-"');
export const EmailSchema = z.email().max(254);
// The upper bound is checked before any hashing: a megabyte "password" is refused, not hashed.
export const PasswordSchema = storableText().min(8).max(128);
export const TimezoneSchema = z
  .string()
  .max(64)
  .refine((zone) => canonicalTimeZone(zone) !== undefined, 'must be an IANA time zone name, e.g. "Europe/Paris"; UTC offsets such as "+02:00" are refused');

/** Unknown keys (role, total_xp, level, …) are a 422: nobody sets those through this API. */
export const RegisterRequestSchema = z
  .object({
    username: UsernameSchema,
    email: EmailSchema,
    password: PasswordSchema,
    timezone: TimezoneSchema.optional(),
  })
  .strict()
  .openapi('RegisterRequest', {
    example: { username: 'ada', email: 'ada@example.com', password: 'correct horse battery', timezone: 'Europe/London' },
  });

const LoginFields = {
  username: storableText().min(1).max(254).openapi({ description: 'Username or email' }),
  password: storableText().min(1).max(128),
};

export const LoginJsonSchema = z
  .object({ ...LoginFields, grant_type: z.literal('password').optional() })
  .openapi('LoginRequest', { example: { username: 'alice', password: 'alice-demo-pass' } }); // a local demo login

/** What Swagger UI's Authorize (OAuth2 password flow) posts; scope and client fields are ignored. */
export const LoginFormSchema = z
  .object({
    grant_type: z.literal('password'),
    ...LoginFields,
    scope: z.string().optional(),
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
  })
  .openapi('LoginForm', { example: { grant_type: 'password', username: 'alice', password: 'alice-demo-pass' } });

// Loose bound only: an access token sent here must be a 401 ("not a refresh token"), not a 422.
const RefreshTokenField = z.string().min(1).max(2048);

export const RefreshJsonSchema = z
  .object({ refresh_token: RefreshTokenField, grant_type: z.literal('refresh_token').optional() })
  .openapi('RefreshRequest', { example: { refresh_token: 'q0w9…43 base64url characters' } });

export const RefreshFormSchema = z
  .object({ grant_type: z.literal('refresh_token'), refresh_token: RefreshTokenField, scope: z.string().optional() })
  .openapi('RefreshForm');

export const LogoutRequestSchema = z
  .object({ refresh_token: RefreshTokenField })
  .openapi('LogoutRequest', { example: { refresh_token: 'q0w9…43 base64url characters' } });

export const TokensSchema = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.number().int().openapi({ description: 'Access token lifetime in seconds' }),
  })
  .openapi('Tokens', {
    example: { access_token: 'eyJhbGciOi…', refresh_token: 'q0w9…', token_type: 'bearer', expires_in: 900 },
  });

export const MeSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    email: z.string(),
    role: z.enum(userRole.enumValues),
    total_xp: z.number().int(),
    level: z.number().int(),
    timezone: z.string(),
    created_at: z.string(),
  })
  .openapi('Me', {
    example: {
      id: '7d5c0a52-0a4e-4d59-9a0e-3f1f3c1b2a10',
      username: 'ada',
      email: 'ada@example.com',
      role: 'player',
      total_xp: 350,
      level: 2,
      timezone: 'Europe/London',
      created_at: '2026-01-05T10:00:00.000Z',
    },
  });

export const UpdateMeRequestSchema = z
  .object({
    timezone: TimezoneSchema.optional(),
    email: EmailSchema.optional(),
    password: PasswordSchema.optional(),
    current_password: storableText().min(1).max(128).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    // An email change needs it too: whoever holds a stolen access token can't take the account over
    // through a password reset to an address of their own.
    if ((body.password !== undefined || body.email !== undefined) && body.current_password === undefined) {
      ctx.addIssue({ code: 'custom', path: ['current_password'], message: 'is required to change the email or password' });
    }
    if (body.timezone === undefined && body.email === undefined && body.password === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'send at least one of timezone, email, password' });
    }
  })
  .openapi('UpdateMeRequest', { example: { timezone: 'America/New_York' } });
