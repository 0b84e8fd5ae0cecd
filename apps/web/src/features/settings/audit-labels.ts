import type { AuditEntry } from '../../lib/types.ts';

/** Every action the audit log records, in words. */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  'user.signed_up': 'Signed up',
  'user.signed_in': 'Signed in',
  'user.signed_out': 'Signed out',
  'user.updated': 'Updated their profile',
  'user.email_verified': 'Verified their email',
  'user.email_change_requested': 'Asked to change their email',
  'user.email_changed': 'Changed their email',
  'user.password_changed': 'Changed their password',
  'user.password_reset': 'Reset their password',
  'user.mfa_enabled': 'Turned on two-factor authentication',
  'user.mfa_disabled': 'Turned off two-factor authentication',
  'user.identity_linked': 'Linked a Google sign-in',
  'user.identity_unlinked': 'Unlinked a Google sign-in',
  'session.revoked': 'Signed out a session',
  'org.created': 'Created the organisation',
  'org.updated': 'Changed the organisation’s settings',
  'member.role_changed': 'Changed a member’s role',
  'member.removed': 'Removed a member',
  'member.left': 'Left the organisation',
  'member.accounts_assigned': 'Changed the ad accounts of a member',
  'invitation.created': 'Invited someone',
  'invitation.revoked': 'Withdrew an invitation',
  'invitation.accepted': 'Accepted an invitation',
  'api_key.created': 'Created an API key',
  'api_key.revoked': 'Revoked an API key',
  'connection.created': 'Connected a platform',
  'connection.accounts_selected': 'Chose the accounts to sync',
  'connection.disconnected': 'Disconnected a platform',
  'campaign.created': 'Created a campaign',
  'campaign.changed': 'Changed a campaign',
  'campaign.change_undone': 'Undid a campaign change',
  'change.approved': 'Approved a proposed change',
  'change.rejected': 'Rejected a proposed change',
  'org.change_settings_updated': 'Changed the approval policy or guardrails',
  'automation.stopped': 'Stopped all automated changes',
  'automation.resumed': 'Resumed automated changes',
  'ai.settings_updated': 'Changed the brand voice',
  'ai.cap_changed': 'Changed the monthly AI limit',
};

/** The filter's choices: each kind of event, then every action. Values are the API's filters. */
export const ACTION_FILTERS: readonly { value: string; label: string }[] = [
  { value: '', label: 'Any action' },
  { value: 'campaign.*', label: 'Any campaign event' },
  { value: 'change.*', label: 'Any approval decision' },
  { value: 'automation.*', label: 'Kill switch' },
  { value: 'ai.*', label: 'Any AI settings event' },
  { value: 'connection.*', label: 'Any connection event' },
  { value: 'member.*', label: 'Any member event' },
  { value: 'invitation.*', label: 'Any invitation event' },
  { value: 'api_key.*', label: 'Any API key event' },
  { value: 'user.*', label: 'Any sign-in or profile event' },
  ...Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label })),
];

export const TARGET_LABELS: Readonly<Record<string, string>> = {
  campaign: 'Campaign',
  change: 'Change',
  connection: 'Connection',
  api_key: 'API key',
  invitation: 'Invitation',
  member: 'Member',
  organization: 'Organisation',
  user: 'Person',
  session: 'Session',
};

export const ACTOR_LABELS: Readonly<Record<AuditEntry['actorType'], string>> = { user: 'Person', api_key: 'API key', rule: 'Rule', ai: 'AI', system: 'Adloop', platform: 'Ad platform' };

const own = <T>(map: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

/** "some_code.more" → "Some code more", for actions a newer server records. */
export function humanize(code: string): string {
  const words = code.replace(/[._]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code;
}

const STATUS_WORDS: Readonly<Record<string, string>> = { paused: 'Paused', active: 'Enabled' };

/** What happened, in words; a campaign change says which (paused, enabled, budget). */
export function actionText(entry: Pick<AuditEntry, 'action' | 'after'>): string {
  const after = typeof entry.after === 'object' && entry.after !== null ? (entry.after as Record<string, unknown>) : {};
  if (entry.action === 'campaign.changed' || entry.action === 'campaign.change_undone') {
    const prefix = entry.action === 'campaign.change_undone' ? 'Undo: ' : '';
    const status = typeof after.status === 'string' ? own(STATUS_WORDS, after.status) : undefined;
    if (status) return `${prefix}${status} a campaign`;
    if ('daily_budget' in after) return `${prefix}Changed a daily budget`;
    if ('lifetime_budget' in after) return `${prefix}Changed a lifetime budget`;
  }
  return own(ACTION_LABELS, entry.action) ?? humanize(entry.action);
}

/** What it happened to: "Campaign · Winter sale", or the kind alone when the thing is gone. */
export function targetText(entry: Pick<AuditEntry, 'targetType' | 'targetLabel'>): string {
  if (!entry.targetType) return '—';
  const kind = own(TARGET_LABELS, entry.targetType) ?? humanize(entry.targetType);
  return entry.targetLabel ? `${kind} · ${entry.targetLabel}` : kind;
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  brandVoice: 'Brand voice',
  monthlyCapMicros: 'Monthly AI limit (micros of USD)',
  status: 'Status',
  daily_budget: 'Daily budget (micros)',
  lifetime_budget: 'Lifetime budget (micros)',
  changeId: 'Change',
  platform: 'Platform',
  role: 'Role',
  name: 'Name',
  email: 'Email',
  scope: 'Access',
  reportingCurrency: 'Reporting currency',
  timeZone: 'Time zone',
  requireMfa: 'Two-factor required',
  accountIds: 'Accounts',
  stoppedChanges: 'Changes stopped',
  changeIds: 'Changes',
  stoppedAt: 'Stopped at',
  approvalPolicy: 'Approval policy',
  guardrails: 'Guardrails',
  proposalTtlHours: 'Proposals expire after (hours)',
};

/** A before/after field's name in words. */
export const fieldLabel = (field: string) => own(FIELD_LABELS, field) ?? humanize(field);
