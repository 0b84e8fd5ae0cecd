import axe from 'axe-core';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/**
 * Runs axe-core in `page` (its source injected once per document) with the WCAG 2.1 A/AA rules
 * and axe's best practices, and fails with a readable list of what it found.
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  // Evaluated over the DevTools protocol, which the app's Content-Security-Policy (no inline scripts) does not cover.
  const hasAxe = await page.evaluate(() => 'axe' in globalThis);
  if (!hasAxe) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    // Runs in the page (the root tsconfig has no DOM types).
    const runner = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await runner.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

export function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}\n    ${n.failureSummary.replace(/\n/g, '\n    ')}`).join('\n')}`)
    .join('\n');
}

export async function expectNoAxeViolations(page: Page, where = page.url()): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe found on ${where}:\n${describeViolations(violations)}`).toEqual([]);
}
