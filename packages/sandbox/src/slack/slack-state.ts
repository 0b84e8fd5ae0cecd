import { randomBytes } from 'node:crypto';

/** The sandbox's one registered app: Adloop in sandbox mode signs in with these. */
export const SLACK_SANDBOX_CLIENT_ID = '1000000000.2000000000';
export const SLACK_SANDBOX_CLIENT_SECRET = 'sandbox-slack-client-secret';

export interface SlackChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  isGeneral: boolean;
  /** Whether the app's bot is in the channel (posting to a private channel needs it). */
  botIsMember: boolean;
  topic: string;
  purpose: string;
  created: number;
  numMembers: number;
}

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | null;
  botId: string;
  /** The token's team, for the page. */
  teamId: string;
}

export interface IssuedCode {
  code: string;
  clientId: string;
  redirectUri: string | null;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export interface IssuedToken {
  token: string;
  teamId: string;
  scopes: string[];
  botUserId: string;
  botId: string;
  revoked: boolean;
}

/** A forced answer for the next calls to a method: `ratelimited` (HTTP 429 + Retry-After) or an API error. */
export interface ForcedFailure {
  method: string;
  error: string;
  remaining: number;
  retryAfterSeconds: number;
}

export interface SlackSandboxState {
  team: { id: string; name: string; domain: string };
  appId: string;
  channels: SlackChannel[];
  codes: Map<string, IssuedCode>;
  tokens: Map<string, IssuedToken>;
  messages: SlackMessage[];
  forced: ForcedFailure[];
  /** Every API call's method and outcome, oldest first (the control API shows them). */
  calls: { method: string; ok: boolean; error: string | null; status: number }[];
  lastTs: number;
  clientId: string;
  clientSecret: string;
}

const CHANNEL_NAMES: readonly [string, string][] = [
  ['general', 'Company-wide announcements'],
  ['marketing-alerts', 'Where Adloop posts what needs attention'],
  ['ad-ops', 'Day-to-day campaign operations'],
  ['client-reports', 'Weekly reports for clients'],
  ['paid-search', 'Google Ads team'],
  ['paid-social', 'Meta and TikTok team'],
  ['creative', 'Ad copy and assets'],
  ['analytics', 'Numbers and dashboards'],
  ['random', 'Anything else'],
  ['budget-approvals', 'Spend changes waiting for a yes'],
  ['launches', 'New campaigns going live'],
  ['support', 'Questions for the ops team'],
];

function seedChannels(created: number): SlackChannel[] {
  const publicChannels = CHANNEL_NAMES.map(([name, purpose], i): SlackChannel => ({
    id: `C0SBX${String(i + 1).padStart(4, '0')}`, name, purpose, topic: '', isPrivate: false, isArchived: false,
    isGeneral: name === 'general', botIsMember: name === 'general', created: created + i, numMembers: 8 + i,
  }));
  return [
    ...publicChannels,
    { id: 'C0SBX9001', name: 'old-campaigns', purpose: 'Archived', topic: '', isPrivate: false, isArchived: true, isGeneral: false, botIsMember: false, created, numMembers: 3 },
    { id: 'G0SBX0001', name: 'leadership', purpose: 'Private: the bot is a member', topic: '', isPrivate: true, isArchived: false, isGeneral: false, botIsMember: true, created, numMembers: 4 },
    { id: 'G0SBX0002', name: 'hr-private', purpose: 'Private: the bot is not a member', topic: '', isPrivate: true, isArchived: false, isGeneral: false, botIsMember: false, created, numMembers: 2 },
  ];
}

export function createSlackState(options: { clientId?: string; clientSecret?: string } = {}): SlackSandboxState {
  return {
    team: { id: 'T0SANDBOX1', name: 'Adloop Sandbox Workspace', domain: 'adloop-sandbox' },
    appId: 'A0SANDBOX1',
    channels: seedChannels(1_700_000_000),
    codes: new Map(),
    tokens: new Map(),
    messages: [],
    forced: [],
    calls: [],
    lastTs: 0,
    clientId: options.clientId ?? SLACK_SANDBOX_CLIENT_ID,
    clientSecret: options.clientSecret ?? SLACK_SANDBOX_CLIENT_SECRET,
  };
}

export const randomToken = (bytes: number) => randomBytes(bytes).toString('hex');

/** Message timestamps as Slack writes them: seconds and six digits, a string, strictly increasing. */
export function nextTs(state: SlackSandboxState): string {
  const micros = Math.max(Date.now() * 1000, state.lastTs + 1);
  state.lastTs = micros;
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

export function findChannel(state: SlackSandboxState, idOrName: string): SlackChannel | undefined {
  const name = idOrName.replace(/^#/, '');
  return state.channels.find((c) => c.id === idOrName || c.name === name);
}
