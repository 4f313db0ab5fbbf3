import type { OpenAPIHono, RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { Services } from '../services';
import type { Config } from './config';

export interface AuthUser {
  id: string;
  role: 'player' | 'admin';
}

export interface AppBindings {
  Bindings: Env;
  Variables: {
    requestId: string;
    config: Config;
    services: Services;
    user: AuthUser;
    /** The API key that authenticated the request (routes for servers). */
    apiKey: { id: string; name: string; scopes: string[] };
  };
}

export type AppOpenAPI = OpenAPIHono<AppBindings>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppBindings>;
