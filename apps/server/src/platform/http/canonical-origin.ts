import type { FastifyInstance, FastifyRequest } from 'fastify';

const LOOPBACK_NAMES = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Host name and port of a `Host` header ("127.0.0.1:3000", "[::1]:3000", "localhost"). */
function splitHost(host: string, defaultPort: string): { name: string; port: string } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  return { name: (match?.[1] ?? host).toLowerCase(), port: match?.[2] ?? defaultPort };
}

function isPageNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (request.headers['sec-fetch-mode'] === 'navigate') return true;
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * Where a page request for another loopback name of this server should go instead, or null.
 *
 * Cookies belong to a host name, so a person on http://127.0.0.1:3000 holds a session that the
 * OAuth callbacks and email links (built from PUBLIC_URL, e.g. http://localhost:3000) never see.
 * Only loopback names on the public URL's own port are sent over: a LAN address or a proxy's
 * host is a deliberate choice, and programs calling the API (no HTML accepted) are left alone,
 * since a cross-origin redirect would drop their Authorization header.
 */
export function canonicalRedirect(request: FastifyRequest, publicUrl: URL): string | null {
  const host = request.headers.host;
  if (!host || !isPageNavigation(request)) return null;
  const defaultPort = publicUrl.protocol === 'https:' ? '443' : '80';
  const asked = splitHost(host, defaultPort);
  const canonicalPort = publicUrl.port || defaultPort;
  if (asked.port !== canonicalPort || asked.name === publicUrl.hostname.toLowerCase()) return null;
  if (!LOOPBACK_NAMES.test(asked.name)) return null;
  return `${publicUrl.origin}${request.url}`;
}

/** Sandbox mode: one origin wins. Page requests for the server's other loopback name are redirected to PUBLIC_URL. */
export function installCanonicalOrigin(app: FastifyInstance, publicUrl: string): void {
  const canonical = new URL(publicUrl);
  app.addHook('onRequest', async (request, reply) => {
    const target = canonicalRedirect(request, canonical);
    // 307: temporary (a browser must not remember it past a PUBLIC_URL change) and method-preserving.
    if (target) return reply.redirect(target, 307);
  });
}
