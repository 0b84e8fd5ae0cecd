import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/** The official client pointed at a sandbox URL, as the product configures it. */
export function stripeClient(url: string, key = 'sk_test_sandbox', maxNetworkRetries = 0): Stripe {
  const u = new URL(url);
  return new Stripe(key, { host: u.hostname, port: Number(u.port), protocol: 'http', maxNetworkRetries });
}

export interface Received { body: string; signature: string }

/** A local webhook receiver that answers `status()` and keeps every raw body and signature. */
export async function startReceiver(status: () => number = () => 200): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['stripe-signature'] ?? '') });
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Pays on the hosted Checkout page like a browser submitting its form; returns where it redirects (or the page with its alert). */
export async function payOnCheckoutPage(pageUrl: string, card: string, extra: Record<string, string> = {}): Promise<{ status: number; location: string | null; html: string }> {
  const res = await fetch(pageUrl, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'owner@example.com', cardNumber: card, cardExpiry: '12 / 34', cardCvc: '123', ...extra }),
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

export async function control(url: string, path: string, body: unknown = {}): Promise<unknown> {
  const res = await fetch(`${url}/sandbox/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
