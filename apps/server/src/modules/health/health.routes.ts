import { HealthResponse, ReadyResponse } from '@adloop/contracts';
import { isMigrated } from '@adloop/db';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';

export function registerHealthRoutes(app: App, ctx: AppContext): void {
  app.get('/api/health', { schema: { tags: ['health'], summary: 'Liveness', response: { 200: HealthResponse } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/api/ready',
    { schema: { tags: ['health'], summary: 'Readiness: database reachable and migrations applied', response: { 200: ReadyResponse, 503: ReadyResponse } } },
    async (_request, reply) => {
      const database = await ctx.dbHandle.sql.query('SELECT 1').then(() => true, () => false);
      const migrations = database && (await isMigrated(ctx.dbHandle));
      const ready = database && migrations;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: { database, migrations } });
    },
  );
}
