import { startHttpServer } from '../http/http-server.ts';
import { header, json, type SandboxRequest, type SandboxResponse } from '../http/http.types.ts';
import { DNS, findSite, REBINDING_ANSWERS, REBINDING_HOST, type DnsRecord, type PageBehaviour } from './web-sites.ts';

/** Headers the product's network layer sends with each request it routes here. */
export const WEB_SANDBOX_HEADERS = {
  /** `https` or `http`: the scheme the product asked for (the hop itself is plain http to this server). */
  scheme: 'x-sandbox-scheme',
  /** The address the product resolved and checked for this host (what it would connect to). */
  address: 'x-sandbox-address',
} as const;

/** One request a site received, for tests to see what the product fetched and where it connected. */
export interface WebRequestRecord {
  host: string;
  path: string;
  scheme: string;
  address: string | null;
}

export interface RunningWebSandbox {
  /** `http://127.0.0.1:<port>`: DNS at `/dns?name=`, sites by Host header. */
  url: string;
  requests: WebRequestRecord[];
  /** Answers like the sandbox's DNS (`/dns`) does, without a request. */
  resolve(name: string): DnsRecord[];
  close(): Promise<void>;
}

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function htmlPage(title: string, body: string, lang = 'en'): string {
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(title)}</title>`,
    '<style>body{font-family:sans-serif}</style><script>window.dataLayer=[];</script></head>',
    `<body><nav><a href="/">Home</a></nav><main><h1>${escape(title)}</h1>\n${body}</main>`,
    '<noscript>Please enable JavaScript.</noscript><footer>&copy; 2026 &ndash; Imprint</footer></body></html>',
  ].join('\n');
}

function answer(behaviour: PageBehaviour, path: string, query: URLSearchParams): SandboxResponse {
  switch (behaviour.kind) {
    case 'html':
      return { status: 200, html: htmlPage(behaviour.title, behaviour.body, behaviour.lang) };
    case 'redirect':
      return { status: behaviour.status, headers: { location: behaviour.location }, text: '' };
    case 'status':
      return { status: behaviour.status, html: htmlPage(behaviour.title, `<p>${escape(behaviour.title)}</p>`) };
    case 'slow':
      return { status: 200, html: htmlPage(behaviour.title, '<p>Finally.</p>'), delayMs: behaviour.delayMs };
    case 'file':
      return { status: 200, headers: { 'content-type': behaviour.contentType }, text: behaviour.body };
    case 'huge': {
      const row = '<p>Sencha, matcha, genmaicha, hojicha, gyokuro: every tea we sell, with its origin and harvest.</p>\n';
      return { status: 200, html: htmlPage(behaviour.title, row.repeat(Math.ceil(behaviour.bytes / row.length))) };
    }
    case 'redirect-loop': {
      const hop = Number(query.get('hop') ?? '0') + 1;
      return { status: 302, headers: { location: `${path}?hop=${hop}` }, text: '' };
    }
  }
}

/**
 * The landing-page sandbox: serves the seeded advertisers' sites by Host header and answers DNS
 * for them, so landing-page checks run without the internet and with pages that misbehave on cue.
 */
export async function startWebSandbox(options: { port?: number; host?: string } = {}): Promise<RunningWebSandbox> {
  const requests: WebRequestRecord[] = [];
  let rebindingLookups = 0;
  const resolve = (name: string): DnsRecord[] => {
    const key = name.toLowerCase().replace(/\.$/, '');
    if (key === REBINDING_HOST) return [...(REBINDING_ANSWERS[rebindingLookups++ % REBINDING_ANSWERS.length] ?? [])];
    return [...(DNS[key] ?? [])];
  };
  const handle = async (req: SandboxRequest): Promise<SandboxResponse> => {
    const hostHeader = (header(req, 'host') ?? '').toLowerCase();
    const host = hostHeader.replace(/:\d+$/, '');
    if (host === '127.0.0.1' || host === 'localhost') {
      if (req.path === '/dns' && req.method === 'GET') {
        const name = req.query.get('name') ?? '';
        const addresses = resolve(name);
        return json(addresses.length ? 200 : 404, { name, addresses });
      }
      if (req.path === '/requests' && req.method === 'GET') return json(200, { requests });
      return json(404, { error: 'Unknown path; sites are served by Host header, DNS at /dns?name=' });
    }
    const scheme = header(req, WEB_SANDBOX_HEADERS.scheme) ?? 'http';
    requests.push({ host, path: req.url.pathname + req.url.search, scheme, address: header(req, WEB_SANDBOX_HEADERS.address) ?? null });
    const site = findSite(host);
    if (!site) return { status: 421, text: `No site ${host} in the landing-page sandbox`, drop: true };
    // A site without https: the TLS handshake would fail, so the connection just ends.
    if (scheme === 'https' && !site.https) return { status: 0, drop: true };
    const behaviour = site.pages[req.path];
    if (!behaviour) return { status: 404, html: htmlPage('Page not found', '<p>Page not found</p>') };
    return answer(behaviour, req.path, req.query);
  };
  const server = await startHttpServer({ port: options.port ?? 0, host: options.host, handle });
  return { url: server.localUrl, requests, resolve, close: () => server.close() };
}
