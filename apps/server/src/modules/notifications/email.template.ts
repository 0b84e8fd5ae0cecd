import type { NotificationSeverity } from '@adloop/contracts';

/**
 * Notification emails come from ONE source: a list of blocks rendered twice, as HTML and as plain
 * text, so the two parts always say the same thing.
 */
export type EmailBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'item'; title: string; text: string; url: string | null; when: string }
  | { type: 'action'; label: string; url: string }
  | { type: 'footer'; text: string; link?: { label: string; url: string } };

export interface NotificationEmailSource {
  subject: string;
  severity: NotificationSeverity | null;
  blocks: EmailBlock[];
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const ACCENT: Record<NotificationSeverity, string> = { info: '#2563eb', warning: '#b45309', critical: '#b91c1c' };

function html(source: NotificationEmailSource): string {
  const accent = ACCENT[source.severity ?? 'info'];
  const parts = source.blocks.map((block) => {
    switch (block.type) {
      case 'heading':
        return `<h1 style="font-size:18px;margin:0 0 12px;color:${accent}">${escapeHtml(block.text)}</h1>`;
      case 'paragraph':
        return `<p style="margin:0 0 12px">${escapeHtml(block.text)}</p>`;
      case 'item': {
        const title = block.url ? `<a href="${escapeHtml(block.url)}">${escapeHtml(block.title)}</a>` : escapeHtml(block.title);
        return `<li style="margin:0 0 8px"><strong>${title}</strong> <span style="color:#666">(${escapeHtml(block.when)})</span>${block.text ? `<br>${escapeHtml(block.text)}` : ''}</li>`;
      }
      case 'action':
        return `<p style="margin:16px 0"><a href="${escapeHtml(block.url)}" style="background:${accent};color:#fff;padding:8px 14px;border-radius:4px;text-decoration:none">${escapeHtml(block.label)}</a></p><p style="color:#666;font-size:12px">${escapeHtml(block.url)}</p>`;
      case 'footer':
        return `<p style="color:#666;font-size:12px;margin:16px 0 0">${escapeHtml(block.text)}${block.link ? ` <a href="${escapeHtml(block.link.url)}">${escapeHtml(block.link.label)}</a>` : ''}</p>`;
    }
  });
  // Consecutive items form one list.
  const joined = parts.join('').replace(/(<li[\s\S]*?<\/li>)+/g, (items) => `<ul style="padding-left:18px">${items}</ul>`);
  return `<!doctype html><html><body style="font-family:sans-serif;color:#111;max-width:600px">${joined}</body></html>`;
}

function text(source: NotificationEmailSource): string {
  const parts = source.blocks.map((block) => {
    switch (block.type) {
      case 'heading':
        return block.text;
      case 'paragraph':
        return block.text;
      case 'item':
        return `- ${block.title} (${block.when})${block.text ? `\n  ${block.text}` : ''}${block.url ? `\n  ${block.url}` : ''}`;
      case 'action':
        return `${block.label}: ${block.url}`;
      case 'footer':
        return `--\n${block.text}${block.link ? ` ${block.link.label}: ${block.link.url}` : ''}`;
    }
  });
  return `${parts.join('\n\n')}\n`;
}

export function renderNotificationEmail(source: NotificationEmailSource): { subject: string; html: string; text: string } {
  return { subject: source.subject, html: html(source), text: text(source) };
}
