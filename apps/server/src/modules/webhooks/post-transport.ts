import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { ResolvedAddress } from '../../platform/net/index.ts';

/** One webhook POST over a connection to `address` (the checked one). */
export interface WebhookPost {
  url: URL;
  address: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

export interface WebhookAnswer {
  status: number;
  /** The first `RESPONSE_EXCERPT` characters of the answer. */
  body: string;
}

/** Sends one POST and reads the answer (its beginning); rejects on network failure or abort. */
export type WebhookPoster = (post: WebhookPost) => Promise<WebhookAnswer>;

export const RESPONSE_EXCERPT = 1_000;

async function readExcerpt(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    size += buffer.length;
    if (size >= RESPONSE_EXCERPT * 4) break;
  }
  res.destroy();
  return Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_EXCERPT);
}

/**
 * The real network: the socket goes to the checked address (no second lookup), TLS still checks the
 * certificate against the host name (`servername`); no proxy, no connection reuse, redirects not followed.
 */
export const directPoster: WebhookPoster = ({ url, address, headers, body, signal }) => new Promise((resolve, reject) => {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const https = url.protocol === 'https:';
  const options = {
    host: address.address, family: address.family, port: Number(url.port || (https ? 443 : 80)), path: `${url.pathname}${url.search}`,
    method: 'POST', agent: false as const, signal,
    headers: { ...headers, host: url.host, 'content-length': String(Buffer.byteLength(body)) },
    ...(https && !isIP(hostname) ? { servername: hostname } : {}),
  };
  const req = https ? httpsRequest(options) : httpRequest(options);
  req.once('response', (res) => {
    readExcerpt(res).then((text) => resolve({ status: res.statusCode ?? 0, body: text }), reject);
  });
  req.on('error', reject);
  req.end(body);
});
