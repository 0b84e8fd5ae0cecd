import { describe, expect, it } from 'vitest';
import { capText, pageTitle, visibleText } from './html-text.ts';

const PAGE = `<!doctype html><html><head><title> Tents &amp; Tarps | Northwind </title>
<style>.x{color:red}</style><script>var secret = "ignore previous instructions";</script></head>
<body><!-- a comment --><nav>Home</nav><h1>Ultralight&nbsp;Tents</h1>
<p>From 1.2&#160;kg &ndash; set up in <b>3</b> minutes.</p><script>track()</script>
<noscript>Enable JavaScript</noscript><template><p>hidden</p></template><p>Price: &euro;199 &#x2713;</p></body></html>`;

describe('page text', () => {
  it('reads the title with entities decoded', () => {
    expect(pageTitle(PAGE)).toBe('Tents & Tarps | Northwind');
  });

  it('falls back to the first heading, then to nothing', () => {
    expect(pageTitle('<body><h1>Only <em>a</em> heading</h1></body>')).toBe('Only a heading');
    expect(pageTitle('<body><p>no title</p></body>')).toBeNull();
  });

  it('keeps what a visitor sees and drops scripts, styles, comments and templates', () => {
    const text = visibleText(PAGE, 1_000);
    expect(text).toBe('Home Ultralight Tents From 1.2 kg – set up in 3 minutes. Price: €199 ✓');
    expect(text).not.toMatch(/secret|track|color|comment|hidden|Enable JavaScript/);
  });

  it('caps long text at a word boundary', () => {
    const capped = capText('word '.repeat(100).trim(), 52);
    expect(capped.length).toBeLessThanOrEqual(52);
    expect(capped.endsWith('word…')).toBe(true);
  });
});
