import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { startStripeSandbox, type RunningStripeSandbox } from '@adloop/sandbox';
import { generateTestHeaderString } from './support/stripe-signature.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';

/**
 * With STRIPE_SECRET_KEY (+ STRIPE_API_URL, STRIPE_WEBHOOK_SECRET) billing talks to that Stripe, not a
 * sandbox of its own: here a Stripe sandbox started apart plays Stripe, reached only by its URL and key.
 */
describe('billing against a configured Stripe', () => {
  let stripeServer: RunningStripeSandbox;
  let server: TestServer;
  let owner: SignedUpUser;
  const webhookSecret = 'whsec_configured_for_this_test';

  beforeAll(async () => {
    stripeServer = await startStripeSandbox({ seed: 7 });
    server = await startTestServer({ stripe: { secretKey: stripeServer.state.settings.secretKey, webhookSecret, apiUrl: stripeServer.url } });
    owner = await signUpVerifiedUser(server, { organizationName: 'Configured Stripe Ltd' });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await stripeServer?.close();
  });

  it("starts Checkout on the configured Stripe and verifies webhooks with the configured secret", async () => {
    const checkout = await owner.client.post<{ url: string }>(`/api/v1/orgs/${owner.orgId!}/billing/checkout`, { planId: 'pro', interval: 'month' });
    expect(checkout.status).toBe(201);
    expect(new URL(checkout.body.url).origin).toBe(new URL(stripeServer.url).origin);
    const stripe = new Stripe(stripeServer.state.settings.secretKey, { host: new URL(stripeServer.url).hostname, port: Number(new URL(stripeServer.url).port), protocol: 'http' });
    const customers = await stripe.customers.list({ limit: 10 });
    expect(customers.data.map((c) => c.metadata?.orgId)).toContain(owner.orgId!);

    const payload = JSON.stringify({ id: 'evt_configured_1', object: 'event', type: 'customer.updated', data: { object: { id: customers.data[0]!.id, object: 'customer' } } });
    const post = (secret: string) => server.client().request('POST', '/api/v1/billing/webhook', payload, {
      'content-type': 'application/json', 'stripe-signature': generateTestHeaderString(payload, secret, Math.floor(Date.now() / 1000)),
    });
    expect((await post('whsec_someone_else')).status).toBe(400);
    expect((await post(webhookSecret)).status).toBe(200);
  });
});
