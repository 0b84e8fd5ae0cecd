import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { WEB_SANDBOX_HEADERS } from '@adloop/sandbox';
import { bareHostname } from './url-policy.ts';
import type { ResolvedAddress } from './resolver.ts';

/** One GET to `url`, over a connection to `address` only (the address that was checked). */
export interface Hop {
  url: URL;
  address: ResolvedAddress;
  headers: Record<string, string>;
  signal: AbortSignal;
}

/** Opens the connection and answers the response head; the caller reads (or drops) the body. */
export type Connector = (hop: Hop) => Promise<IncomingMessage>;

function send(start: () => ReturnType<typeof httpRequest>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = start();
    req.once('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

/**
 * The real network. The socket goes to the checked address (never a second lookup, so a name that
 * changes its answer cannot steer the connection elsewhere), while TLS still verifies the certificate
 * against the host name (SNI and identity check use `servername`). No connection reuse, no proxy.
 */
export function directConnector(options: { ca?: string | Buffer } = {}): Connector {
  return ({ url, address, headers, signal }) => {
    const hostname = bareHostname(url);
    const common = {
      host: address.address, family: address.family, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      path: `${url.pathname}${url.search}`, method: 'GET', headers: { ...headers, host: url.host }, agent: false as const, signal,
    };
    if (url.protocol !== 'https:') return send(() => httpRequest(common));
    return send(() => httpsRequest({ ...common, ...(isIP(hostname) ? {} : { servername: hostname }), ...(options.ca ? { ca: options.ca } : {}) }));
  };
}

/**
 * Sandbox mode: every hop goes to the landing-page sandbox as plain http, naming the host, the
 * scheme asked for and the checked address; the sandbox answers as that site would.
 */
export function sandboxConnector(webUrl: string): Connector {
  const base = new URL(webUrl);
  return ({ url, address, headers, signal }) => send(() => httpRequest({
    host: base.hostname, port: Number(base.port || 80), path: `${url.pathname}${url.search}`, method: 'GET', agent: false, signal,
    headers: { ...headers, host: url.host, [WEB_SANDBOX_HEADERS.scheme]: url.protocol.replace(':', ''), [WEB_SANDBOX_HEADERS.address]: address.address },
  }));
}
