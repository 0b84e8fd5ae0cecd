import { z } from 'zod';
import { PlatformId } from './connections.ts';
import { EntityStatus } from './campaigns.ts';
import { EntityLevel } from './changes.ts';
import { RuleBody } from './rules-definition.ts';

export const RuleTemplate = z
  .object({ id: z.string(), name: z.string(), description: z.string(), body: RuleBody, sentence: z.string() })
  .meta({ id: 'RuleTemplate' });
export type RuleTemplate = z.infer<typeof RuleTemplate>;

/**
 * Objects a rule's fixed list (`scope.entityIds`) can name: found by name at a level (`q`, ignoring
 * case), or by id (`ids`, comma-separated, to show a saved list's names). A member finds their
 * accounts' objects only.
 */
export const RuleObjectQuery = z
  .strictObject({
    level: EntityLevel.default('campaign'),
    q: z.string().trim().max(200).optional(),
    /** Comma-separated Adloop ids at `level`, at most 100. */
    ids: z.string().max(3_800).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  });

export const RuleObjectChoice = z
  .object({
    level: EntityLevel,
    id: z.uuid(),
    name: z.string(),
    status: EntityStatus,
    platform: PlatformId,
    adAccountId: z.uuid(),
    accountName: z.string(),
    /** The object's campaign (itself for a campaign). */
    campaignName: z.string(),
  })
  .meta({ id: 'RuleObjectChoice' });
export type RuleObjectChoice = z.infer<typeof RuleObjectChoice>;

/** What a rule's scope can filter on in this organisation: the objectives its campaigns have, and the labels in use. */
export const RuleScopeOptions = z
  .object({
    /** `id` as stored on the campaigns (the platform's word), `label` in words. */
    objectives: z.array(z.object({ id: z.string(), label: z.string(), platforms: z.array(PlatformId) })),
    labels: z.array(z.string()),
  })
  .meta({ id: 'RuleScopeOptions' });
export type RuleScopeOptions = z.infer<typeof RuleScopeOptions>;
