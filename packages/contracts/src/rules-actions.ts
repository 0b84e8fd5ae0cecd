import { z } from 'zod';
import { Timestamp } from './rules-primitives.ts';

/** Where a rule's notify action may send (the notification channels). */
export const RULE_NOTIFY_CHANNELS = ['in_app', 'email', 'slack', 'webhook'] as const;
export type RuleNotifyChannel = (typeof RULE_NOTIFY_CHANNELS)[number];

/** A change by an amount (major units of the rule's currency basis) or a percentage. */
export const RuleStep = z.strictObject({ unit: z.enum(['percent', 'amount']), value: z.number().positive().max(1_000_000) });

/**
 * What a rule does to each matching object, in order. Budget and bid amounts are in major units of the
 * rule's currency basis; `floor` / `ceiling` bound the result. `notify` tells the organisation's
 * approvers through the channels it names.
 */
export const RuleAction = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('pause') }),
    z.strictObject({ type: z.literal('enable') }),
    /** Pause now and enable again at `until` ('tomorrow' = the account's next midnight) or at a time. */
    z.strictObject({ type: z.literal('pause_until'), until: z.union([z.literal('tomorrow'), Timestamp]) }),
    z.strictObject({ type: z.literal('set_budget'), amount: z.number().positive().max(10_000_000) }),
    z.strictObject({
      type: z.literal('change_budget'),
      direction: z.enum(['raise', 'lower']),
      by: RuleStep,
      floor: z.number().min(0).max(10_000_000).optional(),
      ceiling: z.number().positive().max(10_000_000).optional(),
    }),
    z.strictObject({ type: z.literal('set_bid'), amount: z.number().positive().max(1_000_000) }),
    z.strictObject({
      type: z.literal('change_bid'),
      direction: z.enum(['raise', 'lower']),
      by: RuleStep,
      floor: z.number().min(0).max(1_000_000).optional(),
      ceiling: z.number().positive().max(1_000_000).optional(),
    }),
    /** Adds `prefix` / `suffix` to the object's name (once: not when the name already has it). */
    z.strictObject({ type: z.literal('rename'), prefix: z.string().max(100).optional(), suffix: z.string().max(100).optional() }),
    /** An Adloop label on the object (filters of other rules can use it). */
    z.strictObject({ type: z.literal('label'), label: z.string().trim().min(1).max(50) }),
    /**
     * Tells the organisation's approvers through the chosen channels only (in-app alone, email, the
     * organisation's Slack channel, its webhook endpoints); each channel still follows its own
     * settings (people's preferences, the Slack install's and the endpoints' chosen kinds).
     */
    z.strictObject({ type: z.literal('notify'), channels: z.array(z.enum(RULE_NOTIFY_CHANNELS)).min(1).default(['in_app']), message: z.string().max(500).optional() }),
  ])
  .meta({ id: 'RuleAction' });
export type RuleAction = z.infer<typeof RuleAction>;
