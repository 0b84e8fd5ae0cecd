import type { App } from '../platform/http/app.ts';
import type { AppContext } from '../platform/context.ts';
import type { AppModule } from './module.ts';
import { registerHealthRoutes } from './health/health.routes.ts';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import { mailModule } from './mail/index.ts';
import { registerOrgRoutes } from './orgs/orgs.routes.ts';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { connectionsModule } from './connections/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { registerCampaignRoutes } from './campaigns/campaigns.routes.ts';
import { registerLiveRoutes } from './live/live.routes.ts';
import { registerDemoRoutes } from './demo/demo.routes.ts';
import { registerImportRoutes } from './imports/index.ts';
import { syncModule } from './sync/index.ts';
import { changesModule, recordOutsideChanges } from './changes/index.ts';
import { rulesModule } from './rules/index.ts';
import { copyModule } from './copy/index.ts';
import { aiModule } from './ai/index.ts';
import { insightsModule } from './insights/index.ts';
import { slackModule } from './slack/index.ts';
import { billingModule } from './billing/index.ts';
import { registerLimitsRoutes } from './billing/limits.routes.ts';
import { documentPlanAnswers } from './billing/limits.guard.ts';
import { reportsModule } from './reports/index.ts';
import { webhooksModule } from './webhooks/index.ts';
import { summaryModule } from './summary/index.ts';
import { registerLegalRoutes } from './legal/legal.routes.ts';
import { privacyModule } from './privacy/index.ts';
import { operatorsModule } from './operators/index.ts';

/**
 * Every module, in one explicit list: routes are registered in this order. The sync tells the
 * change pipeline what it read before overwriting the mirror (outside changes) through its hook,
 * so neither module imports the other.
 */
const MODULES: readonly AppModule[] = [
  { name: 'health', routes: registerHealthRoutes },
  { name: 'legal', routes: registerLegalRoutes },
  { name: 'auth', routes: registerAuthRoutes },
  mailModule,
  { name: 'orgs', routes: registerOrgRoutes },
  { name: 'audit', routes: registerAuditRoutes },
  connectionsModule,
  notificationsModule,
  { name: 'campaigns', routes: registerCampaignRoutes },
  { name: 'live', routes: registerLiveRoutes },
  { name: 'demo', routes: registerDemoRoutes },
  { name: 'imports', routes: registerImportRoutes },
  syncModule({ campaignsRead: recordOutsideChanges }),
  changesModule,
  rulesModule,
  aiModule,
  copyModule,
  insightsModule,
  slackModule,
  reportsModule,
  summaryModule,
  webhooksModule,
  billingModule,
  { name: 'plan-limits', routes: registerLimitsRoutes },
  operatorsModule,
  privacyModule,
];

/** Every module's routes. */
export function registerModules(app: App, ctx: AppContext): void {
  app.addHook('onRoute', documentPlanAnswers);
  for (const module of MODULES) module.routes?.(app, ctx);
}

/** Every module's jobs on this process's queue (API processes enqueue them, workers run them). */
export function registerModuleJobs(ctx: AppContext): void {
  for (const module of MODULES) for (const job of module.jobs?.(ctx) ?? []) ctx.jobs.register(job);
}

/** Every module's cron schedules; called where workers run. */
export async function scheduleModuleJobs(ctx: AppContext): Promise<void> {
  for (const module of MODULES) for (const { job, cron } of module.schedules ?? []) await ctx.jobs.schedule(job, cron);
}
