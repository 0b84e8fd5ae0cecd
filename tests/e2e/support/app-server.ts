import { startTestServer, type TestServer } from '../../setup/server.ts';

export type AppServer = TestServer;

/** The real product with the built web app, for browser journeys. */
export function startAppServer(): Promise<AppServer> {
  return startTestServer({}, { withWebApp: true });
}
