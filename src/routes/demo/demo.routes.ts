import { createRoute } from '@hono/zod-openapi';
import { jsonContent, notFoundResponseFor, openApiErrorResponses } from '../../lib/openapi';
import { DemoAccountsSchema } from './demo.schemas';

export const accounts = createRoute({
  method: 'get',
  path: '/demo/accounts',
  tags: ['System'],
  operationId: 'listDemoAccounts',
  security: [],
  summary: 'The seeded demo logins (local development only)',
  description:
    'For the live page and first steps: the demo accounts of `npm run dev`\'s seed that exist in this database, with ' +
    'their published passwords. Only when `APP_ENV` is `development` (what `wrangler.toml` sets for local runs); ' +
    'anywhere else it is a 404, whatever the database holds.',
  responses: {
    200: { description: 'The demo accounts that exist here (an empty list when the seed has not run)', content: jsonContent(DemoAccountsSchema) },
    ...notFoundResponseFor('Demo accounts are offered only in development', 'Not a development deployment'),
    ...openApiErrorResponses,
  },
});

export type AccountsRoute = typeof accounts;
