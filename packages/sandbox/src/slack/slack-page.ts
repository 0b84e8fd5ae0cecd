import type { SandboxResponse } from '../http/http.types.ts';
import { escapeHtml } from '../oauth/consent-page.ts';
import { mrkdwnToHtml, renderBlock } from './slack-blocks.ts';
import type { SlackMessage, SlackSandboxState } from './slack-state.ts';

function messageHtml(m: SlackMessage): string {
  const when = new Date(Number(m.ts.split('.')[0]) * 1000).toISOString().replace('T', ' ').slice(0, 19);
  const body = m.blocks ? m.blocks.map(renderBlock).join('\n') : `<p>${mrkdwnToHtml(m.text)}</p>`;
  return `<article class="message" data-ts="${escapeHtml(m.ts)}" aria-label="Message at ${when} UTC">
        <p class="meta"><strong>Adloop</strong> <span>APP</span> <time datetime="${when.replace(' ', 'T')}Z">${when} UTC</time></p>
        ${body}
        <details><summary>Fallback text</summary><p>${escapeHtml(m.text)}</p></details>
      </article>`;
}

/** `GET /`: every channel and what the app posted there, newest last, blocks rendered to read. */
export function messagesPage(state: SlackSandboxState): SandboxResponse {
  const sections = state.channels.map((c) => {
    const messages = state.messages.filter((m) => m.channel === c.id);
    const list = messages.length ? messages.map(messageHtml).join('\n') : '<p class="empty">Nothing posted yet.</p>';
    return `<section aria-labelledby="ch-${c.id}" data-channel="${c.id}">
      <h2 id="ch-${c.id}">${c.isPrivate ? '🔒' : '#'}${escapeHtml(c.name)} <small>(${c.id}${c.isArchived ? ', archived' : ''}) · ${messages.length} message${messages.length === 1 ? '' : 's'}</small></h2>
      ${list}
    </section>`;
  });
  return {
    status: 200,
    html: `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Slack sandbox – ${escapeHtml(state.team.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1d1c1d}
section{border-top:1px solid #ddd;padding:.5rem 0}
.message{border-left:3px solid #4a154b;padding:.25rem .75rem;margin:.75rem 0}
.meta span{font-size:.7rem;background:#eee;padding:0 .25rem}.meta time{color:#616061;font-size:.8rem}
.b-button{display:inline-block;border:1px solid #bbb;border-radius:4px;padding:.2rem .8rem;text-decoration:none;color:#1d1c1d;font-weight:600}
.b-fields{display:grid;grid-template-columns:1fr 1fr;gap:.25rem}.empty{color:#616061}
</style></head>
<body>
  <main>
    <h1>Slack sandbox: ${escapeHtml(state.team.name)}</h1>
    <p>What apps posted, per channel. ${state.messages.length} message${state.messages.length === 1 ? '' : 's'} in all.</p>
    ${sections.join('\n    ')}
  </main>
</body>
</html>`,
  };
}
