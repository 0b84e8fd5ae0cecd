import { isIP } from 'node:net';
import { blockedAddressReason } from '../../platform/net/index.ts';
import type { ResolvedAddress, Resolver } from '../../platform/net/index.ts';

/** Where a webhook may be sent: the URL's parts, and whether private addresses are allowed (sandbox mode). */
export interface WebhookTarget {
  url: URL;
  hostname: string;
}

export class WebhookAddressError extends Error {}

function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/**
 * Checks an endpoint address before any network call: http(s) only, no user name or password, and,
 * unless private networks are allowed, https and a host that is not a private, loopback, link-local or
 * metadata address written out. Names are checked again once resolved (`resolveWebhookTarget`).
 */
export function checkWebhookUrl(input: string, allowPrivate: boolean): WebhookTarget {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new WebhookAddressError('is not a valid address; it must start with https://');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookAddressError(`must be an https:// address, not ${url.protocol}`);
  if (url.username || url.password) throw new WebhookAddressError('must not contain a user name or password');
  if (!allowPrivate && url.protocol !== 'https:') throw new WebhookAddressError('must use https: events are not sent over plain http');
  const hostname = bareHost(url);
  if (!allowPrivate && isIP(hostname)) {
    const why = blockedAddressReason(hostname);
    if (why) throw new WebhookAddressError(`points to ${hostname}, which is ${why}: only public addresses can receive webhooks`);
  }
  return { url, hostname };
}

/**
 * The address to connect to: every address the name resolves to must be public (unless private
 * networks are allowed), and the caller connects to the returned one, never resolving again, so a name
 * that answers differently the second time (DNS rebinding) cannot steer the request inside the network.
 */
export async function resolveWebhookTarget(target: WebhookTarget, resolver: Resolver, allowPrivate: boolean, signal: AbortSignal): Promise<ResolvedAddress> {
  const { hostname } = target;
  const family = isIP(hostname);
  const addresses: ResolvedAddress[] = family ? [{ address: hostname, family: family === 6 ? 6 : 4 }] : await resolver(hostname, signal);
  if (addresses.length === 0) throw new WebhookAddressError(`${hostname} was not found (no DNS record)`);
  if (!allowPrivate) {
    for (const a of addresses) {
      const why = blockedAddressReason(a.address);
      if (why) throw new WebhookAddressError(`${hostname} resolves to ${a.address}, which is ${why}: only public addresses can receive webhooks`);
    }
  }
  return addresses[0] as ResolvedAddress;
}
