import { startTestServer, type TestServer } from '../../setup/server.ts';

export type AppServer = TestServer;

/** Configuration a journey may override (e.g. `planLimitsEnforced`). */
export type AppServerOverrides = Parameters<typeof startTestServer>[0];

/** The real product with the built web app, for browser journeys. */
export function startAppServer(overrides: AppServerOverrides = {}): Promise<AppServer> {
  return startTestServer(overrides, { withWebApp: true });
}
