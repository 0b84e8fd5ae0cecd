import { z } from 'zod';
import { NOTIFICATION_KIND_NAMES } from './notifications/catalogue.ts';

const Timestamp = z.iso.datetime({ offset: true });
/** A Slack conversation id: public channels start with C, private ones with G (older) or C. */
export const SlackChannelId = z.string().regex(/^[CG][A-Z0-9]{2,30}$/, 'must be a Slack channel id like C0123ABCD');

export const SlackInstall = z
  .object({
    teamId: z.string(),
    teamName: z.string(),
    channelId: z.string().nullable(),
    channelName: z.string().nullable(),
    /** Kinds of notification posted to the channel. */
    kinds: z.array(z.enum(NOTIFICATION_KIND_NAMES)),
    /** `broken`: Slack refused the token (the app was removed) or the channel; reconnect or pick another channel. */
    state: z.enum(['active', 'broken']),
    brokenReason: z.string().nullable(),
    installedAt: Timestamp,
  })
  .meta({ id: 'SlackInstall' });
export type SlackInstall = z.infer<typeof SlackInstall>;

export const SlackStatus = z
  .object({
    /** Whether this installation offers Slack (Slack credentials configured, or the sandbox in sandbox mode). */
    available: z.boolean(),
    /** True when "Slack" is the local Slack sandbox. */
    sandbox: z.boolean(),
    /** The sandbox's page of posted messages (sandbox mode), else null. */
    sandboxPageUrl: z.string().nullable(),
    install: SlackInstall.nullable(),
    /** Owners and admins install, configure and remove Slack. */
    canManage: z.boolean(),
  })
  .meta({ id: 'SlackStatus' });
export type SlackStatus = z.infer<typeof SlackStatus>;

export const StartSlackInstallResponse = z.object({
  /** Send the browser here: Slack's install page. It comes back to Adloop's Slack callback. */
  authorizeUrl: z.string(),
  expiresAt: Timestamp,
});
export type StartSlackInstallResponse = z.infer<typeof StartSlackInstallResponse>;

export const SlackCallbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
});

export const SlackChannelList = z
  .object({ channels: z.array(z.object({ id: z.string(), name: z.string(), isPrivate: z.boolean() })) })
  .meta({ id: 'SlackChannelList' });
export type SlackChannelList = z.infer<typeof SlackChannelList>;

export const SlackSettingsBody = z
  .strictObject({
    channelId: SlackChannelId.optional(),
    kinds: z.array(z.enum(NOTIFICATION_KIND_NAMES)).max(NOTIFICATION_KIND_NAMES.length).optional(),
  })
  .refine((body) => body.channelId !== undefined || body.kinds !== undefined, { message: 'give channelId, kinds or both', path: ['channelId'] });
export type SlackSettingsBody = z.infer<typeof SlackSettingsBody>;

export const SlackTestResponse = z.object({ channelId: z.string(), ts: z.string() }).meta({ id: 'SlackTestResponse' });
export type SlackTestResponse = z.infer<typeof SlackTestResponse>;
