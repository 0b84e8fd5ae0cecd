import type { TestProject } from 'vitest/node';
import { createRunDatabase, dropRunDatabase } from '@adloop/db/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of this run's migrated PostgreSQL database, or '' when tests run on PGlite. */
    runDatabaseUrl: string;
  }
}

/** With DATABASE_URL set, the whole run gets its own database, created and migrated here, dropped at the end. */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide('runDatabaseUrl', '');
    return;
  }
  const runUrl = await createRunDatabase(serverUrl);
  project.provide('runDatabaseUrl', runUrl);
  return async () => {
    await dropRunDatabase(runUrl);
  };
}
