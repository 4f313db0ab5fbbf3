import type { z } from '@hono/zod-openapi';

/**
 * Security requirement for routes that need an access token: bearer, or Swagger UI's OAuth2 password flow.
 * Typed up front: an inline `[{ bearerAuth: [] }]` makes TypeScript lose the route's request types.
 */
export const bearerSecurity: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { oauth2Password: [] }];

/** A JSON response entry for createRoute's `responses`. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
