import { escapeHtml } from '../oauth/consent-page.ts';

/** Block Kit limits the sandbox checks, as Slack documents them. */
const MAX_BLOCKS = 50;
const KNOWN_BLOCKS = new Set(['section', 'header', 'divider', 'context', 'actions', 'image', 'rich_text']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function textObject(value: unknown, where: string, max: number, plainOnly = false): string | null {
  if (!isObj(value)) return `${where} must be a text object`;
  if (value.type !== 'plain_text' && (plainOnly || value.type !== 'mrkdwn')) return `${where}.type must be ${plainOnly ? 'plain_text' : 'plain_text or mrkdwn'}`;
  if (typeof value.text !== 'string' || value.text.length === 0) return `${where}.text must be a non-empty string`;
  if (value.text.length > max) return `${where}.text must be at most ${max} characters`;
  return null;
}

function checkBlock(block: unknown, i: number): string | null {
  const at = `[json-pointer:/blocks/${i}]`;
  if (!isObj(block) || typeof block.type !== 'string') return `must provide a block type ${at}`;
  if (!KNOWN_BLOCKS.has(block.type)) return `unsupported block type "${block.type}" ${at}`;
  switch (block.type) {
    case 'header': return textObject(block.text, `header text ${at}`, 150, true);
    case 'section': {
      if (block.text === undefined && block.fields === undefined) return `section must have text or fields ${at}`;
      if (block.text !== undefined) { const e = textObject(block.text, `section text ${at}`, 3000); if (e) return e; }
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length > 10) return `fields must be an array of at most 10 ${at}`;
        for (const f of block.fields) { const e = textObject(f, `field ${at}`, 2000); if (e) return e; }
      }
      return null;
    }
    case 'context': {
      if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10) return `context elements must be 1 to 10 ${at}`;
      for (const el of block.elements) { if (isObj(el) && el.type === 'image') continue; const e = textObject(el, `context element ${at}`, 2000); if (e) return e; }
      return null;
    }
    case 'actions': {
      if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 25) return `actions elements must be 1 to 25 ${at}`;
      for (const el of block.elements) {
        if (!isObj(el) || el.type !== 'button') continue;
        const e = textObject(el.text, `button text ${at}`, 75, true); if (e) return e;
        if (el.url !== undefined && (typeof el.url !== 'string' || el.url.length > 3000 || !/^https?:\/\//.test(el.url))) return `button url must be an http(s) URL of at most 3000 characters ${at}`;
        if (el.action_id !== undefined && (typeof el.action_id !== 'string' || el.action_id.length > 255)) return `action_id must be at most 255 characters ${at}`;
      }
      return null;
    }
    default: return null;
  }
}

/** Parses the `blocks` argument (a JSON string in form bodies): the blocks, or Slack's error and its messages. */
export function parseBlocks(raw: unknown): { blocks: unknown[] | null } | { error: 'invalid_blocks_format' | 'invalid_blocks'; messages: string[] } {
  if (raw === undefined || raw === null || raw === '') return { blocks: null };
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try { value = JSON.parse(raw); } catch { return { error: 'invalid_blocks_format', messages: ['[ERROR] blocks must be a JSON array'] }; }
  }
  if (!Array.isArray(value)) return { error: 'invalid_blocks_format', messages: ['[ERROR] blocks must be an array'] };
  if (value.length > MAX_BLOCKS) return { error: 'invalid_blocks', messages: [`[ERROR] no more than ${MAX_BLOCKS} items allowed [json-pointer:/blocks]`] };
  const messages = value.map(checkBlock).filter((m): m is string => m !== null).map((m) => `[ERROR] ${m}`);
  return messages.length ? { error: 'invalid_blocks', messages } : { blocks: value };
}

/** Slack's mrkdwn, enough to read: *bold*, _italic_, `code`, <url|label> links, line breaks. */
export function mrkdwnToHtml(text: string): string {
  return escapeHtml(text)
    .replace(/&lt;(https?:\/\/[^|&]+?)\|([^&]+?)&gt;/g, (_m, url: string, label: string) => `<a href="${url}">${label}</a>`)
    .replace(/&lt;(https?:\/\/[^&]+?)&gt;/g, (_m, url: string) => `<a href="${url}">${url}</a>`)
    .replace(/\*([^*\n]+)\*/g, '<strong>$1</strong>')
    .replace(/(^|\s)_([^_\n]+)_/g, '$1<em>$2</em>')
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/\n/g, '<br>');
}

function textHtml(value: unknown): string {
  if (!isObj(value) || typeof value.text !== 'string') return '';
  return value.type === 'mrkdwn' ? mrkdwnToHtml(value.text) : escapeHtml(value.text);
}

/** One block as readable HTML for the sandbox's page. */
export function renderBlock(block: unknown): string {
  if (!isObj(block)) return '';
  switch (block.type) {
    case 'header': return `<h4 class="b-header">${textHtml(block.text)}</h4>`;
    case 'divider': return '<hr>';
    case 'section': {
      const fields = Array.isArray(block.fields) ? `<dl class="b-fields">${block.fields.map((f) => `<div>${textHtml(f)}</div>`).join('')}</dl>` : '';
      return `<div class="b-section">${block.text ? `<p>${textHtml(block.text)}</p>` : ''}${fields}</div>`;
    }
    case 'context': return `<p class="b-context"><small>${(Array.isArray(block.elements) ? block.elements : []).map(textHtml).join(' · ')}</small></p>`;
    case 'actions': {
      const buttons = (Array.isArray(block.elements) ? block.elements : []).filter(isObj).map((el) => {
        const label = textHtml(el.text);
        return typeof el.url === 'string' ? `<a class="b-button" href="${escapeHtml(el.url)}">${label}</a>` : `<span class="b-button">${label}</span>`;
      });
      return `<p class="b-actions">${buttons.join(' ')}</p>`;
    }
    default: return `<pre>${escapeHtml(JSON.stringify(block))}</pre>`;
  }
}
