import type { NotificationChannel, NotificationKind, NotificationSeverity } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';

/** One delivery as a channel's sender receives it: the event, and where it goes. */
export interface ChannelDelivery {
  deliveryId: string;
  eventId: string;
  /** null for account-level events (security), which go to person channels only. */
  orgId: string | null;
  kind: NotificationKind;
  severity: NotificationSeverity;
  title: string;
  body: string;
  /** Absolute URL into the web app, or null. */
  link: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  /** The person it is for (person channels), null for organisation targets (a Slack channel, a webhook endpoint). */
  recipientUserId: string | null;
  /** The person's id for in-app and email; the channel's own target otherwise (as `orgTargets` returned it). */
  target: string;
  /** How many times this delivery was tried before, this attempt not counted. */
  attempt: number;
}

export interface ChannelSender {
  channel: NotificationChannel;
  /**
   * Organisation-level targets of this channel for an event (the Slack install's channel when the
   * kind is chosen, the webhook endpoints subscribed to the kind). Person-level channels leave it out.
   */
  orgTargets?(ctx: AppContext, orgId: string, kind: NotificationKind): Promise<string[]>;
  /**
   * Delivers once. Throw `RetryableDeliveryError` to be tried again with backoff (rate limits, the
   * server down); any other error marks the delivery failed for good.
   */
  send(ctx: AppContext, delivery: ChannelDelivery): Promise<void>;
}

/** A failure worth retrying; `retryAfterSeconds` (e.g. Slack's Retry-After) delays the next attempt at least that long. */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'RetryableDeliveryError';
  }
}

const senders = new Map<NotificationChannel, ChannelSender>();

/** Registers (or replaces) the sender of a channel; modules call it from their setup (routes or jobs). */
export function registerChannel(sender: ChannelSender): void {
  senders.set(sender.channel, sender);
}

export function channelSender(channel: NotificationChannel): ChannelSender | undefined {
  return senders.get(channel);
}

/** Registered senders that have organisation targets (Slack, webhooks). */
export function orgChannelSenders(): ChannelSender[] {
  return [...senders.values()].filter((sender) => typeof sender.orgTargets === 'function');
}
