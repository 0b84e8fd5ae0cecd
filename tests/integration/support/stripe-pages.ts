/** Submits a form on one of the Stripe sandbox's hosted pages (checkout, portal) as a browser would, without following the redirect. */
export async function submitStripePage(url: string, form: Record<string, string>): Promise<{ status: number; location: string | null; html: string }> {
  const res = await fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

/** Pays on the sandbox's checkout page with `card` (4242… succeeds, 4000 0000 0000 0002 declines). */
export function payOnPage(url: string, card: string): ReturnType<typeof submitStripePage> {
  return submitStripePage(url, { email: 'owner@example.com', cardNumber: card, cardExpiry: '12 / 34', cardCvc: '123' });
}
