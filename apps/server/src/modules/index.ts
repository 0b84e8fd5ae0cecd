import type { App } from '../platform/http/app.ts';
import type { AppContext } from '../platform/context.ts';
import { registerHealthRoutes } from './health/health.routes.ts';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import { registerDevMailboxRoutes } from './mail/dev-mailbox.routes.ts';
import { registerOrgRoutes } from './orgs/orgs.routes.ts';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { registerConnectionRoutes } from './connections/connections.routes.ts';
import { registerNotificationRoutes } from './notifications/notifications.routes.ts';
import { registerCampaignRoutes } from './campaigns/campaigns.routes.ts';
import { registerLiveRoutes } from './live/live.routes.ts';
import { registerDemoRoutes } from './demo/demo.routes.ts';

/** Every module's routes, in one explicit list. */
export function registerModules(app: App, ctx: AppContext): void {
  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerDevMailboxRoutes(app, ctx, ctx.devMailbox);
  registerOrgRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerConnectionRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerCampaignRoutes(app, ctx);
  registerLiveRoutes(app, ctx);
  registerDemoRoutes(app, ctx);
}
