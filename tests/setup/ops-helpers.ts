import { generate } from 'otplib';
import type { OperatorRole } from '@adloop/db';
import { createOperator, type NewOperator } from '../../apps/server/src/modules/operators/index.ts';
import { TestClient, type TestResponse } from './http-client.ts';
import type { TestServer } from './server.ts';

let counter = 0;

/** The code the operator's authenticator app shows at the server's (manual) time. */
export const operatorCode = (server: TestServer, secret: string) => generate({ secret, epoch: Math.floor(server.clock.now().getTime() / 1000) });

/** An operators' console client: sends the console's CSRF header from its cookie on writes. */
export class OpsClient {
  constructor(readonly http: TestClient, readonly account: NewOperator) {}
  private csrf(): Record<string, string> {
    const token = this.http.cookies.get('adloop_ops_csrf');
    return token ? { 'x-ops-csrf-token': token } : {};
  }
  get<T = any>(path: string): Promise<TestResponse<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.http.get<T>(path);
  }
  post<T = any>(path: string, body: unknown = {}): Promise<TestResponse<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.http.post<T>(path, body, this.csrf());
  }
}

/** A new operator account as `adloop operators add` makes it. */
export async function addOperator(server: TestServer, role: OperatorRole): Promise<NewOperator> {
  counter += 1;
  return createOperator(server.ctx.db, server.ctx.secretKey, { email: `${role.replace('_', '-')}-${counter}-${Date.now()}@ops.example.test`, role }, server.clock.now());
}

/** A signed-in operator of `role` (password and TOTP code), who has replaced the one-time password with their own. */
export async function signedInOperator(server: TestServer, role: OperatorRole): Promise<OpsClient> {
  const account = await addOperator(server, role);
  const http = server.client();
  const response = await http.post('/api/ops/session', { email: account.email, password: account.password, code: await operatorCode(server, account.totpSecret) });
  if (response.status !== 200) throw new Error(`operator sign-in: HTTP ${response.status} ${response.text}`);
  const client = new OpsClient(http, { ...account, password: `${account.password}-own` });
  const changed = await client.post('/api/ops/session/password', { currentPassword: account.password, newPassword: client.account.password });
  if (changed.status !== 204) throw new Error(`operator password change: HTTP ${changed.status} ${changed.text}`);
  return client;
}
