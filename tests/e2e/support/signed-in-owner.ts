import { beforeAll } from 'vitest';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { signUpVerifiedUser, type SignedUpUser } from '../../setup/auth-helpers.ts';
import { startAppServer, type AppServerOverrides } from './app-server.ts';
import { launchBrowser } from './browser.ts';
import { describeFailuresAndClose, type AppBrowser } from './app-browser.ts';
import { signedInPage } from './journey-steps.ts';

/** What a journey file works with: its app server, a verified owner of a new organisation, signed in on a page. */
export interface SignedInOwner extends AppBrowser {
  owner: SignedUpUser;
  orgId: string;
  page: Page;
  /** Uncaught errors of the owner's page; a journey expects none. */
  pageErrors: string[];
}

/** What a journey may change about its setup: the server's configuration, the signed-in browser context (e.g. its time zone or viewport). */
export interface SignedInOwnerOptions {
  server?: AppServerOverrides;
  context?: BrowserContextOptions;
}

/**
 * Registers one journey file's hooks: start the app server, sign up a verified owner with an
 * organisation, run `prepare` (data the page should find, e.g. connected accounts), open the
 * browser signed in; describe the browser contexts when a test fails; close everything after.
 * The fields are filled once the hooks have run, so read them inside tests.
 */
export function useSignedInOwner(person: { organizationName: string; name: string }, prepare?: (app: SignedInOwner) => Promise<void>, options: SignedInOwnerOptions = {}): SignedInOwner {
  const app = { contexts: [] as BrowserContext[], pageErrors: [] as string[] } as SignedInOwner;
  beforeAll(async () => {
    app.server = await startAppServer(options.server);
    app.owner = await signUpVerifiedUser(app.server, person);
    app.orgId = app.owner.orgId!;
    await prepare?.(app);
    app.browser = await launchBrowser();
    const signedIn = await signedInPage(app.browser, app.server.url, app.owner, app.pageErrors, options.context);
    app.contexts.push(signedIn.context);
    app.page = signedIn.page;
  }, 240_000);
  describeFailuresAndClose(app);
  return app;
}
