import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startAppServer, type AppServer } from './app-server.ts';
import { describeFailure, launchBrowser } from './browser.ts';

/** The app server and the browser of one journey file, with the browser contexts to describe when a test fails. */
export interface AppBrowser {
  server: AppServer;
  browser: Browser;
  /** Browser contexts described when a test fails (add others a test opens). */
  contexts: BrowserContext[];
}

/** Registers the hooks that describe `app`'s browser contexts when a test fails and close its browser and server after the file. */
export function describeFailuresAndClose(app: AppBrowser): void {
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') console.error(await describeFailure(...app.contexts));
  });

  afterAll(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
}

/** What a signed-out journey file works with: its app server and one page of a fresh browser context (no one signed in). */
export interface SignedOutBrowser extends AppBrowser {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the context's pages, for a journey that expects none. */
  pageErrors: string[];
}

/**
 * Registers one signed-out journey file's hooks: start the app server, open a page in a fresh browser
 * context (made with `contextOptions`, e.g. a locale or time zone) whose actions wait up to
 * `defaultTimeoutMs`; describe the contexts when a test fails; close everything after. The fields are
 * filled once `beforeAll` has run, so read them inside tests.
 */
export function useSignedOutBrowser(defaultTimeoutMs: number, contextOptions: BrowserContextOptions = {}): SignedOutBrowser {
  const app = { contexts: [] as BrowserContext[], pageErrors: [] as string[] } as SignedOutBrowser;
  beforeAll(async () => {
    app.server = await startAppServer();
    app.browser = await launchBrowser();
    app.context = await app.browser.newContext(contextOptions);
    app.context.setDefaultTimeout(defaultTimeoutMs);
    app.context.on('weberror', (error) => app.pageErrors.push(error.error().message));
    app.contexts.push(app.context);
    app.page = await app.context.newPage();
  });
  describeFailuresAndClose(app);
  return app;
}
