import { hc } from 'hono/client';
import type { AppType } from '../src/app';

/**
 * A typed client for TypeScript users (Hono RPC): paths, parameters, bodies and responses are
 * checked against the worker's own route definitions at compile time.
 */
/** `accessToken`: a player's or admin's access token, or a server API key (`sq_live_…`, sent the same way). */
export function createSkillQuestClient(baseUrl: string, accessToken?: string) {
  return hc<AppType>(baseUrl, {
    headers: (): Record<string, string> => (accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
  });
}

export type SkillQuestClient = ReturnType<typeof createSkillQuestClient>;
