import type { KnownBlock } from '@slack/web-api';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationSeverity } from '@adloop/contracts';

const SEVERITY_MARK: Record<NotificationSeverity, string> = { critical: ':red_circle: Critical', warning: ':large_orange_circle: Warning', info: ':large_blue_circle: Info' };

/** Slack's mrkdwn treats &, < and > as control characters. */
export const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface SlackNotice {
  kind: NotificationKind | null;
  severity: NotificationSeverity;
  title: string;
  body: string;
  /** Absolute URL into Adloop for the button. */
  link: string;
  buttonLabel?: string;
}

/** A notification as Block Kit: header, body, what kind and how severe, and a button back into Adloop. The text is the fallback Slack shows in alerts. */
export function noticeBlocks(notice: SlackNotice): { text: string; blocks: KnownBlock[] } {
  const label = notice.kind ? NOTIFICATION_KINDS[notice.kind].label : 'Adloop';
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: cut(notice.title, 150), emoji: true } }];
  if (notice.body) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(escapeMrkdwn(notice.body), 3000) } });
  blocks.push(
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${SEVERITY_MARK[notice.severity]} · ${escapeMrkdwn(label)}` }] },
    { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: notice.buttonLabel ?? 'Open in Adloop' }, url: notice.link, action_id: 'open_in_adloop', ...(notice.severity === 'critical' ? { style: 'danger' as const } : { style: 'primary' as const }) }] },
  );
  return { text: cut(notice.body ? `${notice.title}: ${notice.body}` : notice.title, 3000), blocks };
}
