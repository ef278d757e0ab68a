import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { App } from '../http/types.js';

export async function healthRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      await sql`SELECT 1`.execute(ctx.database.db);
      return { status: 'ok' as const, database: ctx.database.engine };
    },
  );
}
