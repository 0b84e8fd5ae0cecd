/**
 * The catalogue of notification kinds: every notification Adloop sends is one of these, with its
 * severity (critical ones bypass quiet hours; info ones may be batched into a digest) and its default
 * audience. Every module emits through the server's `emitNotification`; none knows about channels.
 *
 * Audiences:
 * - `admins`: owners and admins of the organisation;
 * - `approvers`: the people who may approve changes (owners, admins, managers);
 * - `members`: everyone in the organisation except viewers;
 * - `everyone`: every member, viewers included;
 * - `actor`: only the people the emitter names (`recipients`), e.g. the proposer of a change or the
 *   person whose account saw a security event.
 */
export type NotificationSeverity = 'info' | 'warning' | 'critical';
export type NotificationAudience = 'admins' | 'approvers' | 'members' | 'everyone' | 'actor';

export interface NotificationKindInfo {
  severity: NotificationSeverity;
  audience: NotificationAudience;
  /** What a person reads in Settings › Notifications. */
  label: string;
  group: string;
}

export const NOTIFICATION_KINDS = {
  'connection.reconnect_needed': { severity: 'critical', audience: 'admins', label: 'A connection needs reconnecting', group: 'Connections' },
  'connection.token_expiring': { severity: 'warning', audience: 'admins', label: 'A connection’s access is about to expire', group: 'Connections' },
  'connection.failed': { severity: 'critical', audience: 'admins', label: 'A connection stopped working', group: 'Connections' },
  'sync.failing': { severity: 'warning', audience: 'admins', label: 'Syncing an ad account keeps failing', group: 'Connections' },
  'rule.acted': { severity: 'info', audience: 'approvers', label: 'A rule changed something', group: 'Rules' },
  'rule.proposed': { severity: 'info', audience: 'approvers', label: 'A rule proposed a change', group: 'Rules' },
  'rule.matched': { severity: 'info', audience: 'approvers', label: 'A rule’s condition matched (notify-only rules)', group: 'Rules' },
  'rule.stopped': { severity: 'warning', audience: 'admins', label: 'A rule was stopped', group: 'Rules' },
  'change.proposed': { severity: 'warning', audience: 'approvers', label: 'A proposal waits for your approval', group: 'Approvals' },
  'change.approved': { severity: 'info', audience: 'actor', label: 'Your proposal was approved', group: 'Approvals' },
  'change.rejected': { severity: 'info', audience: 'actor', label: 'Your proposal was rejected', group: 'Approvals' },
  'kill_switch.on': { severity: 'critical', audience: 'approvers', label: 'The kill switch was turned on', group: 'Approvals' },
  'anomaly.opened': { severity: 'warning', audience: 'members', label: 'An anomaly was detected', group: 'Performance' },
  'anomaly.resolved': { severity: 'info', audience: 'members', label: 'An anomaly is over', group: 'Performance' },
  'budget.pacing': { severity: 'warning', audience: 'approvers', label: 'A budget is pacing off plan', group: 'Performance' },
  'ai.usage_80': { severity: 'warning', audience: 'admins', label: 'AI spending reached 80 % of the monthly limit', group: 'AI' },
  'ai.usage_100': { severity: 'critical', audience: 'admins', label: 'AI spending reached the monthly limit', group: 'AI' },
  'security.new_device': { severity: 'critical', audience: 'actor', label: 'Sign-in from a new device', group: 'Security' },
  'security.new_country': { severity: 'critical', audience: 'actor', label: 'Sign-in from a new country', group: 'Security' },
  'security.failed_sign_ins': { severity: 'critical', audience: 'actor', label: 'Repeated failed sign-ins to your account', group: 'Security' },
  'security.mfa_disabled': { severity: 'critical', audience: 'actor', label: 'Two-factor authentication was turned off', group: 'Security' },
  'security.api_key_created': { severity: 'warning', audience: 'admins', label: 'An API key was created', group: 'Security' },
  'webhook.disabled': { severity: 'warning', audience: 'admins', label: 'A webhook endpoint was turned off after repeated failures', group: 'Connections' },
  'report.ready': { severity: 'info', audience: 'actor', label: 'A scheduled report is ready', group: 'Reports' },
  'summary.daily': { severity: 'info', audience: 'members', label: 'Daily summary', group: 'Reports' },
  'billing.payment_failed': { severity: 'critical', audience: 'admins', label: 'A payment failed: update the card', group: 'Billing' },
  'billing.read_only': { severity: 'critical', audience: 'admins', label: 'The organisation is read-only until the invoice is paid', group: 'Billing' },
  'billing.restored': { severity: 'warning', audience: 'admins', label: 'The invoice is paid: the organisation is restored', group: 'Billing' },
} as const satisfies Record<string, NotificationKindInfo>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]];

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'slack', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/** Channels chosen per person (preferences, quiet hours, digest); the others go to the organisation's targets. */
export const PERSON_CHANNELS = ['in_app', 'email'] as const satisfies readonly NotificationChannel[];

export const NOTIFICATION_SEVERITIES = ['info', 'warning', 'critical'] as const satisfies readonly NotificationSeverity[];

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, value);
}

export function severityOf(kind: NotificationKind): NotificationSeverity {
  return NOTIFICATION_KINDS[kind].severity;
}

/**
 * Channels a person cannot switch off for a kind: alerts about their own account's security always
 * reach them in the app and by email (an attacker who signed in must not be able to silence them).
 */
export const ALWAYS_ON: Partial<Record<NotificationKind, readonly NotificationChannel[]>> = {
  'security.new_device': ['in_app', 'email'],
  'security.new_country': ['in_app', 'email'],
  'security.failed_sign_ins': ['in_app', 'email'],
  'security.mfa_disabled': ['in_app', 'email'],
};
