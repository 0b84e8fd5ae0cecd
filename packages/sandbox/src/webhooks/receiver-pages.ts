import type { ReceivedDelivery, ReceiverEndpoint } from './receiver-state.ts';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function layout(title: string, body: string): string {
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#111}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.35rem;text-align:left;vertical-align:top}',
    'pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:.5rem;margin:0}.ok{color:#065f46}.bad{color:#991b1b}label{display:block;margin:.4rem 0}form{margin:.75rem 0}</style></head>',
    `<body><header><a href="/">Webhook receiver (sandbox)</a></header><main><h1>${escape(title)}</h1>\n${body}</main></body></html>`,
  ].join('\n');
}

/** The receiver's home: its endpoints and a form to make one. */
export function indexPage(endpoints: ReceiverEndpoint[], base: string): string {
  const rows = endpoints.map((e) => `<tr><td><a href="/endpoints/${e.id}">${escape(e.name)}</a></td><td><code>${escape(`${base}/hooks/${e.id}`)}</code></td><td>${e.deliveries.length}</td></tr>`);
  return layout('Webhook receiver', [
    '<p>Endpoints that receive Adloop webhooks and show what arrived. Paste an endpoint’s address into Adloop (Settings › Webhooks).</p>',
    '<form method="post" action="/endpoints"><label>Name <input name="name" required maxlength="80"></label><button type="submit">Create endpoint</button></form>',
    rows.length === 0
      ? '<p>No endpoints yet.</p>'
      : `<table><caption>Endpoints</caption><thead><tr><th scope="col">Name</th><th scope="col">Address</th><th scope="col">Requests</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  ].join('\n'));
}

function signatureCell(d: ReceivedDelivery): string {
  if (!d.signature) return 'not checked (no secret set)';
  return d.signature.verified ? '<span class="ok">verified</span>' : `<span class="bad">does not verify: ${escape(d.signature.reason ?? '')}</span>`;
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** One endpoint: its address, the secret to verify with, the failure control, and every request received. */
export function endpointPage(e: ReceiverEndpoint, base: string): string {
  const rows = e.deliveries.map((d) => [
    `<tr data-delivery="${d.id}"><td>${escape(d.receivedAt)}</td><td>${escape(d.headers['adloop-event-id'] ?? '—')}<br>${escape(JSON.parse(d.body || '{}')?.type ?? '')}</td>`,
    `<td>${d.outcome === 'accepted' ? 'accepted (200)' : d.outcome === 'failed' ? 'failed (500)' : 'timed out (no answer)'}</td><td>${signatureCell(d)}</td>`,
    `<td><details><summary>Headers and body</summary><pre>${escape(Object.entries(d.headers).map(([k, v]) => `${k}: ${v}`).join('\n'))}</pre><pre>${escape(prettyBody(d.body))}</pre></details></td></tr>`,
  ].join(''));
  return layout(e.name, [
    `<p>Address: <code id="endpoint-url">${escape(`${base}/hooks/${e.id}`)}</code></p>`,
    `<form method="post" action="/endpoints/${e.id}/secret"><label>Signing secret to verify with <input name="secret" type="password" autocomplete="off" value=""></label><button type="submit">Save secret</button> <span>${e.secret ? 'A secret is set.' : 'No secret set.'}</span></form>`,
    `<form method="post" action="/endpoints/${e.id}/fail"><label>Fail the next <input name="count" type="number" min="0" max="100" value="${e.failNext}" required> requests</label>`,
    `<label>How <select name="mode"><option value="500"${e.failMode === '500' ? ' selected' : ''}>answer 500</option><option value="timeout"${e.failMode === 'timeout' ? ' selected' : ''}>time out (no answer)</option></select></label><button type="submit">Set failures</button></form>`,
    `<p role="status">${e.failNext > 0 ? `The next ${e.failNext} requests will ${e.failMode === 'timeout' ? 'time out' : 'answer 500'}.` : 'Requests are accepted.'}</p>`,
    rows.length === 0
      ? '<p>Nothing received yet.</p>'
      : `<table><caption>Requests received, newest first</caption><thead><tr><th scope="col">Received</th><th scope="col">Event</th><th scope="col">Answer</th><th scope="col">Signature</th><th scope="col">Request</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  ].join('\n'));
}
