import { chromium, type Browser, type BrowserContext } from 'playwright-core';

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
