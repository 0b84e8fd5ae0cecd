import type { App } from '../platform/http/app.ts';
import type { AppContext } from '../platform/context.ts';
import type { JobDefinition, JobType } from '../platform/jobs/jobs.types.ts';

/** A cron schedule of one of the module's jobs (stored by pg-boss, so several workers share it). */
export interface JobSchedule {
  job: JobType;
  cron: string;
}

/**
 * What a module gives the application, from its `index.ts`; nothing else reaches into its files.
 * The server wires every module the same way: routes on the API, jobs on every process's queue
 * (so any process can enqueue them), schedules where workers run.
 */
export interface AppModule {
  name: string;
  routes?: (app: App, ctx: AppContext) => void;
  jobs?: (ctx: AppContext) => JobDefinition[];
  schedules?: readonly JobSchedule[];
}
