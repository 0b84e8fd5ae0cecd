import { isIP } from 'node:net';
import type { LandingPageCheck } from '@adloop/contracts';
import type { AppContext } from '../context.ts';
import { pageTitle, visibleText } from './html-text.ts';
import { blockedAddressReason } from './ip-ranges.ts';
import { decodeText, readCapped, UnreadableBodyError } from './read-body.ts';
import { sandboxResolver, systemResolver, type ResolvedAddress, type Resolver } from './resolver.ts';
import { directConnector, sandboxConnector, type Connector } from './transport.ts';
import { checkLandingUrl } from './url-policy.ts';

/** The check plus the page's visible text (for the copy prompt, fenced there as data). */
export interface LandingPageResult extends LandingPageCheck {
  /** Visible text, whitespace squashed, at most `maxTextChars`; '' when the page was not read. */
  text: string;
}

export interface LandingPageOptions {
  /** The whole check, redirects included. Default 10 s. */
  timeoutMs?: number;
  /** Body bytes read at most (after decompression). Default 2 MiB. */
  maxBytes?: number;
  /** Redirects followed at most. Default 5. */
  maxRedirects?: number;
  /** Default 4,000 characters. */
  maxTextChars?: number;
  /** Default: the landing-page sandbox's in sandbox mode, else the system resolver. */
  resolver?: Resolver;
  /** Default: the landing-page sandbox in sandbox mode, else a direct connection. */
  connector?: Connector;
}

export const LANDING_PAGE_DEFAULTS = { timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024, maxRedirects: 5, maxTextChars: 4_000 } as const;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = ['text/html', 'application/xhtml+xml'];
const REQUEST_HEADERS = {
  'user-agent': 'Mozilla/5.0 (compatible; AdloopLandingPageCheck/1.0)',
  accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  'accept-encoding': 'gzip, deflate, br',
};

class CheckTimeout extends Error {}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

function describeFailure(error: unknown, url: URL, timeoutMs: number): { message: string; https: boolean } {
  const host = hostOf(url);
  const https = url.protocol === 'https:';
  if (error instanceof CheckTimeout) return { https, message: `${host} did not answer within ${Math.round(timeoutMs / 100) / 10} s.` };
  if (error instanceof UnreadableBodyError) return { https, message: `${host} sent ${error.message}.` };
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const text = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return { https, message: `${host} refused the connection.` };
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO|ERR_OSSL)/.test(code) || /certificate|ssl|tls/i.test(text)) {
    return { https: false, message: `${host} has no valid https certificate (${code || text}): the page cannot be published until it is served over https.` };
  }
  if (code === 'ECONNRESET' || /socket hang up/i.test(text)) {
    return { https: false, message: `${host} closed the connection before answering${https ? ' (it may not serve https)' : ''}.` };
  }
  if (['EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code)) return { https, message: `${host} could not be reached (${code}).` };
  return { https, message: `The landing page could not be checked: ${text}.` };
}

function defaults(ctx: Pick<AppContext, 'sandboxUrls'>, options: LandingPageOptions): { resolver: Resolver; connector: Connector } {
  const web = ctx.sandboxUrls?.web;
  return {
    resolver: options.resolver ?? (web ? sandboxResolver(web) : systemResolver),
    connector: options.connector ?? (web ? sandboxConnector(web) : directConnector()),
  };
}

/**
 * Fetches a user-given landing page safely and says whether an ad may lead there: https only; every
 * address the name resolves to must be public (private, loopback, link-local, metadata, mapped IPv6
 * refused) and the connection goes to the address that was checked; redirects are followed by hand,
 * at most 5, each one checked again and never from https to http; one deadline for the whole check;
 * at most `maxBytes` read; only HTML pages count. Never throws: every failure is an answer with a message.
 */
export async function checkLandingPage(ctx: Pick<AppContext, 'sandboxUrls'>, input: unknown, options: LandingPageOptions = {}): Promise<LandingPageResult> {
  const limits = {
    timeoutMs: options.timeoutMs ?? LANDING_PAGE_DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? LANDING_PAGE_DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? LANDING_PAGE_DEFAULTS.maxRedirects,
    maxTextChars: options.maxTextChars ?? LANDING_PAGE_DEFAULTS.maxTextChars,
  };
  const asked = typeof input === 'string' ? input.trim() : '';
  const fail = (https: boolean, message: string, extra: Partial<LandingPageResult> = {}): LandingPageResult => ({
    url: asked, ok: false, https, status: null, finalUrl: null, title: null, text: '', message, ...extra,
  });
  const first = checkLandingUrl(input);
  if (!first.ok) return fail(first.https, first.message);

  const { resolver, connector } = defaults(ctx, options);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new CheckTimeout()), limits.timeoutMs);
  let current = first;
  try {
    for (let redirects = 0; ; redirects++) {
      const { url, hostname } = current;
      const addresses: ResolvedAddress[] = current.isIpLiteral
        ? [{ address: hostname, family: isIP(hostname) === 6 ? 6 : 4 }]
        : await untilAborted(resolver(hostname, controller.signal), controller.signal);
      if (addresses.length === 0) return fail(true, `${hostname} was not found (no DNS record): check the address.`, { finalUrl: url.href });
      for (const a of addresses) {
        const why = blockedAddressReason(a.address);
        if (why) return fail(true, `${hostname} resolves to ${a.address}, which is ${why}: only public sites can be checked.`, { finalUrl: url.href });
      }
      const address = addresses[0] as ResolvedAddress;
      const res = await connector({ url, address, headers: REQUEST_HEADERS, signal: controller.signal });
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        res.destroy();
        const location = res.headers.location;
        if (!location) return fail(true, `${hostname} answered a redirect (${status}) without saying where to.`, { status, finalUrl: url.href });
        if (redirects >= limits.maxRedirects) return fail(true, `The landing page redirects more than ${limits.maxRedirects} times.`, { status, finalUrl: url.href });
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return fail(true, `${hostname} redirects to an invalid address.`, { status, finalUrl: url.href });
        }
        if (next.protocol === 'http:') return fail(false, `The landing page redirects from https to an insecure http page (${next.href}): it cannot be published.`, { status, finalUrl: next.href });
        const verdict = checkLandingUrl(next.href);
        if (!verdict.ok) return fail(verdict.https, `The landing page redirects to ${next.href}. ${verdict.message}`, { status, finalUrl: next.href });
        current = verdict;
        continue;
      }
      const contentType = String(res.headers['content-type'] ?? '').toLowerCase();
      if (status < 200 || status > 299) {
        res.destroy();
        return fail(true, `The landing page answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}: an ad must lead to a page that works.`, { status, finalUrl: url.href });
      }
      if (contentType && !HTML_TYPES.some((t) => contentType.startsWith(t))) {
        res.destroy();
        return fail(true, `The landing page is not a web page (it is ${contentType.split(';')[0]}).`, { status, finalUrl: url.href });
      }
      const { bytes, truncated } = await readCapped(res, limits.maxBytes);
      const html = decodeText(bytes, contentType);
      if (!contentType && !/<(html|!doctype|head|body|title)\b/i.test(html.slice(0, 2048))) {
        return fail(true, 'The landing page does not say what it is and does not look like a web page.', { status, finalUrl: url.href });
      }
      const notes = [
        redirects > 0 ? `It redirects to ${url.href}.` : null,
        truncated ? `The page is larger than ${Math.round(limits.maxBytes / 1024)} KB; only the first part was read.` : null,
      ].filter((note): note is string => note !== null);
      return {
        url: asked, ok: true, https: true, status, finalUrl: url.href, title: pageTitle(html), text: visibleText(html, limits.maxTextChars),
        message: notes.length ? notes.join(' ') : null,
      };
    }
  } catch (error) {
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
    const { https, message } = describeFailure(reason, current.url, limits.timeoutMs);
    return fail(https, message, { finalUrl: current.url.href });
  } finally {
    clearTimeout(timer);
  }
}

/** `work`, or the signal's reason once it aborts (a resolver that ignores the signal cannot outlast the deadline). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
