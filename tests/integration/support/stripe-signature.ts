import Stripe from 'stripe';

const stripe = new Stripe('sk_test_sandbox');

/** A `Stripe-Signature` header made by the official client's own test helper. */
export function generateTestHeaderString(payload: string, secret: string, timestamp: number): string {
  return stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}
