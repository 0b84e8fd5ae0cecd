import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium (apt), headless; CHROMIUM_PATH overrides where it lives. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** What every open page shows, for the log of a failed journey step. */
export async function describeFailure(...contexts: (BrowserContext | undefined)[]): Promise<string> {
  const lines: string[] = [];
  for (const context of contexts) {
    for (const page of context?.pages() ?? []) {
      const text = await page.locator('body').innerText({ timeout: 2000 }).catch(() => '(no body)');
      lines.push(`--- ${page.url()}\n${text.slice(0, 2000)}`);
    }
  }
  return lines.join('\n');
}

/**
 * Calls the API from inside `page`, as the signed-in browser would: its cookies, and the CSRF
 * header on writes. Answers the status and the parsed JSON body (null when there is none).
 */
export function apiFromPage<T>(page: Page, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      // Runs in the page (the root tsconfig has no DOM types).
      const cookies = (globalThis as unknown as { document: { cookie: string } }).document.cookie;
      const csrf = cookies
        .split(';')
        .map((part: string) => part.trim())
        .find((part: string) => part.startsWith('adloop_csrf='))
        ?.slice('adloop_csrf='.length);
      const response = await fetch(path, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(csrf && method !== 'GET' ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
    },
    { method, path, body },
  ) as Promise<{ status: number; body: T }>;
}
