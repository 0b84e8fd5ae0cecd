import type { RuleNotifyChannel } from '@adloop/contracts';

const WORDS: Record<RuleNotifyChannel, string> = { in_app: 'in the app', email: 'by email', slack: 'in Slack', webhook: 'to the webhooks' };

/** How a notify action's channels read in a sentence: "in the app", "by email", "in Slack", "to the webhooks". */
export const notifyChannelWords = (channels: readonly RuleNotifyChannel[]): string[] => channels.map((c) => WORDS[c]);
