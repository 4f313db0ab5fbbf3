import { z } from '@hono/zod-openapi';

export const DemoAccountsSchema = z
  .object({
    accounts: z.array(
      z.object({
        username: z.string(),
        password: z.string().openapi({ description: 'The published demo password (README, seed/data.ts)' }),
        role: z.enum(['player', 'admin']),
      }),
    ),
  })
  .openapi('DemoAccounts', {
    example: {
      accounts: [
        { username: 'alice', password: 'alice-demo-pass', role: 'player' },
        { username: 'admin', password: 'admin-demo-pass', role: 'admin' },
      ],
    },
  });
