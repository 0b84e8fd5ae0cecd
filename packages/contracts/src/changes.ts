import { z } from 'zod';
import { OrgParams, page } from './common.ts';
import { PlatformId } from './connections.ts';
import { EntityStatus } from './campaigns.ts';
import { ActorType } from './audit.ts';
import { AdCopy } from './copy.ts';

const Timestamp = z.iso.datetime({ offset: true });

/** A persisted actor: `id` is the user's, key's, rule's id (null for Adloop itself and the platform). */
export const ChangeActor = z.object({ type: ActorType, id: z.string().nullable(), label: z.string() }).meta({ id: 'ChangeActor' });
export type ChangeActor = z.infer<typeof ChangeActor>;

export const ENTITY_LEVELS = ['campaign', 'ad_group', 'ad'] as const;
export const EntityLevel = z.enum(ENTITY_LEVELS);
/** `ad`: a new ad created in an ad group (`create_ad`; its copy in the change's `payload`). */
export const CHANGE_FIELDS = ['status', 'daily_budget', 'lifetime_budget', 'campaign', 'name', 'bid', 'target_roas', 'ad'] as const;
export const ChangeField = z.enum(CHANGE_FIELDS);
export const CHANGE_STATES = ['proposed', 'pending', 'applied', 'conflict', 'failed', 'undone', 'rejected', 'expired', 'stopped'] as const;
export const ChangeState = z.enum(CHANGE_STATES);
export type ChangeState = z.infer<typeof ChangeState>;

/**
 * What a requested change does. `pause`/`enable` work on campaigns, ad groups / ad sets and ads; the budget
 * actions on campaigns and on ad groups where the platform gives them their own budget
 * (`capabilities.adGroupBudgets`); `rename` where `capabilities.renameLevels` has the level; `set_bid` on the
 * level that carries the bid, `set_target_roas` on campaigns; `archive`, `remove` and `duplicate` on campaigns;
 * `create_ad` on an ad group / ad set: a new ad with the copy in `ad` (undone by pausing the new ad).
 */
export const CHANGE_ACTIONS = ['pause', 'enable', 'set_daily_budget', 'set_lifetime_budget', 'rename', 'set_bid', 'set_target_roas', 'archive', 'remove', 'duplicate', 'create_ad'] as const;
export const ChangeAction = z.enum(CHANGE_ACTIONS);
export type ChangeAction = z.infer<typeof ChangeAction>;

/**
 * What a `create_ad` change creates, kept in its `payload`: the copy in the platform's fields, the landing
 * page and the ad's name; `generationId` when the copy came from a copy generation; `createdAd` once the
 * ad exists (its Adloop and platform ids: the undo pauses it).
 */
export const NewAdPayload = z
  .object({
    copy: AdCopy,
    finalUrl: z.string().max(2_048),
    name: z.string().max(512),
    generationId: z.string().nullable(),
    createdAd: z.object({ id: z.uuid(), platformId: z.string() }).optional(),
  })
  .meta({ id: 'NewAdPayload' });
export type NewAdPayload = z.infer<typeof NewAdPayload>;

/** A new ad asked through `POST /campaign-changes` (`create_ad`): its copy, landing page and, where the platform names ads, its name. */
export const NewAdRequest = z
  .strictObject({
    copy: AdCopy,
    finalUrl: z.string().trim().min(1).max(2_048),
    name: z.string().trim().min(1).max(512).optional(),
  })
  .meta({ id: 'NewAdRequest' });
export type NewAdRequest = z.infer<typeof NewAdRequest>;

/** The changed object: its Adloop id (campaigns.id, ad_groups.id or ads.id) and level. */
export const ChangeTarget = z.strictObject({ level: EntityLevel, id: z.uuid() }).meta({ id: 'ChangeTarget' });
export type ChangeTarget = z.infer<typeof ChangeTarget>;

/**
 * The server-side guardrails every change passes. `hard` ones refuse; a person (or their API key) may
 * go past a `soft` one by naming it in `confirm`; rules and the AI never can.
 */
export const GUARDRAIL_IDS = ['budget_jump', 'changes_per_day', 'platform_limits', 'frozen_status', 'learning_phase', 'kill_switch'] as const;
export const GuardrailId = z.enum(GUARDRAIL_IDS);
export type GuardrailId = z.infer<typeof GuardrailId>;
/** One guardrail's verdict kept on a change: `overridden` when a person confirmed past a soft one. */
export const GuardrailVerdict = z.object({ id: z.string(), outcome: z.enum(['passed', 'overridden']), message: z.string() }).meta({ id: 'GuardrailVerdict' });

/**
 * One asked change. The object is named either by `campaignId` (a campaign, as before) or by `target`
 * (any level), never both. `expected` carries what the person saw of the field the action changes; the
 * change applies only if the platform still has it (compare-and-set).
 */
export const RequestedChange = z
  .strictObject({
    campaignId: z.uuid().optional(),
    target: ChangeTarget.optional(),
    action: ChangeAction,
    /** New budget (`set_daily_budget`, `set_lifetime_budget`) or bid (`set_bid`) in micros of the account's currency. */
    amountMicros: z.number().int().min(0).max(1e15).optional(),
    /** `set_target_roas`: a ratio (3.5 is 350 %). */
    targetRoas: z.number().positive().max(1000).optional(),
    /** `rename`: the new name; `duplicate`: the copy's name (default: the campaign's name with " (copy)"). */
    name: z.string().trim().min(1).max(1000).optional(),
    /** `create_ad`: the new ad (target: the ad group / ad set it goes in). */
    ad: NewAdRequest.optional(),
    expected: z.strictObject({
      status: EntityStatus.optional(),
      dailyBudgetMicros: z.number().int().min(0).nullable().optional(),
      lifetimeBudgetMicros: z.number().int().min(0).nullable().optional(),
      /** `rename` and `duplicate`: the name seen. */
      name: z.string().max(1000).optional(),
      /** `set_bid`: the bid seen (null: none set). */
      bidMicros: z.number().int().min(0).nullable().optional(),
      /** `set_target_roas`: the target seen (null: none set). */
      targetRoas: z.number().min(0).nullable().optional(),
    }),
  })
  .superRefine((change, ctx) => {
    if ((change.campaignId === undefined) === (change.target === undefined)) {
      ctx.addIssue({ code: 'custom', path: change.target ? ['target'] : ['campaignId'], message: 'Name the changed object once: either campaignId or target {level, id}' });
    }
  })
  .meta({ id: 'RequestedChange' });
export type RequestedChange = z.infer<typeof RequestedChange>;

export const CreateChangesBody = z.strictObject({
  /** The same key sent again returns the changes it already created instead of new ones. */
  idempotencyKey: z.string().min(8).max(100),
  changes: z.array(RequestedChange).min(1).max(100),
  /** Soft guardrails the caller has seen and goes past (e.g. a budget more than 5× the old one). */
  confirm: z.array(GuardrailId).max(GUARDRAIL_IDS.length).optional(),
  /** Why, in words; shown in the history and the approval inbox. */
  reason: z.string().trim().max(1000).optional(),
});

export const CampaignChange = z
  .object({
    id: z.uuid(),
    /** Null only for a proposed new campaign that has not launched yet. */
    campaignId: z.uuid().nullable(),
    campaignName: z.string(),
    /** The changed object's name: the ad group's / ad set's or ad's for those levels, else the campaign's. */
    entityName: z.string(),
    adAccountId: z.uuid().nullable(),
    platform: PlatformId,
    /** The object changed: the campaign, or one of its ad groups / ad sets (`entityId`) or ads. */
    entityLevel: EntityLevel,
    entityId: z.uuid().nullable(),
    action: z.string(),
    /** `campaign`: the campaign was created in Adloop (`message` says what); such entries cannot be undone. */
    field: ChangeField,
    /** Values as strings: a status, or budget micros. */
    before: z.string().nullable(),
    after: z.string().nullable(),
    currency: z.string(),
    state: ChangeState,
    /** For a conflict: the value the platform has now. */
    current: z.string().nullable(),
    message: z.string().nullable(),
    origin: z.enum(['adloop', 'undo', 'outside']),
    undoOf: z.uuid().nullable(),
    undoneBy: z.uuid().nullable(),
    canUndo: z.boolean(),
    actorType: ActorType.nullable(),
    actorId: z.string().nullable(),
    actorLabel: z.string().nullable(),
    reason: z.string().nullable(),
    /** The numbers that led to it, when the proposer supplied them. */
    evidence: z.record(z.string(), z.unknown()).nullable(),
    /** What a `campaign` change creates (the validated campaign), for a proposed launch. */
    payload: z.record(z.string(), z.unknown()).nullable(),
    /** Money at stake per day, in micros of `currency`. */
    stakeMicrosPerDay: z.number().int().nullable(),
    guardrails: z.array(GuardrailVerdict),
    /** A proposal not decided by then expires. */
    expiresAt: Timestamp.nullable(),
    decidedBy: ChangeActor.nullable(),
    decidedAt: Timestamp.nullable(),
    /** The reason of a rejection, or a note on the approval. */
    decisionNote: z.string().nullable(),
    /** The value first proposed, when the approver edited it before approving. */
    proposedAfter: z.string().nullable(),
    /** For a proposal: the value moved on the entity since it was proposed (approving it is refused). */
    stale: z.object({ current: z.string().nullable() }).nullable(),
    createdAt: Timestamp,
    appliedAt: Timestamp.nullable(),
  })
  .meta({ id: 'CampaignChange' });
export type CampaignChange = z.infer<typeof CampaignChange>;
export const CampaignChangeList = z.object({ items: z.array(CampaignChange) });
export const CampaignChangePage = page(CampaignChange);
export const ChangeParams = OrgParams.extend({ changeId: z.uuid() });
export const ChangeListQuery = z.object({
  campaignId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export const UndoBody = z.strictObject({ idempotencyKey: z.string().min(8).max(100) });

/** The approval inbox: proposals (by default the open ones), newest first. `decided` and `all` reach only changes that were proposals. */
export const ProposalListQuery = z.object({
  /** A change state, `decided` (approved, rejected, expired or stopped proposals) or `all` proposals. */
  state: z.union([ChangeState, z.enum(['decided', 'all'])]).default('proposed'),
  platform: PlatformId.optional(),
  actorType: ActorType.optional(),
  entityLevel: EntityLevel.optional(),
  campaignId: z.uuid().optional(),
  adAccountId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ApproveBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        changeId: z.uuid(),
        /** An edited budget (micros) to apply instead of the proposed one; checked like a new change. */
        amountMicros: z.number().int().min(0).max(1e15).optional(),
      }),
    )
    .min(1)
    .max(100),
  note: z.string().trim().max(1000).optional(),
  /** Soft guardrails the approver goes past for an edited value. */
  confirm: z.array(GuardrailId).max(GUARDRAIL_IDS.length).optional(),
});
export const RejectBody = z.strictObject({
  changeIds: z.array(z.uuid()).min(1).max(100),
  /** Kept on each change for the proposer (and for later learning). */
  reason: z.string().trim().min(1, 'Say why').max(1000),
});

/** Which changes wait for approval. AI changes always do (not configurable). */
export const ApprovalPolicy = z
  .strictObject({
    /** New campaigns launched by members, and new ads they create, are proposals for a manager (CAMP-016/017). */
    memberLaunches: z.boolean(),
    /** Budget changes above this wait for approval: an amount per day (micros) or a percentage of the old budget; null: no limit. */
    budgetAbove: z.strictObject({ amountMicros: z.number().int().min(0).nullable(), percent: z.number().min(0).max(100000).nullable() }),
  })
  .meta({ id: 'ApprovalPolicy' });
export type ApprovalPolicy = z.infer<typeof ApprovalPolicy>;

export const GuardrailSettings = z
  .strictObject({
    /** A new budget may be at most (100 + this) % of the old one, and at least the old one divided by the same factor (400: 5× and 1/5). */
    budgetJumpPercent: z.number().int().min(1).max(100000),
    /** Changes per object per day (UTC), every actor together. */
    maxChangesPerEntityPerDay: z.number().int().min(1).max(1000),
    /** Largest budget step on an ad group / ad set still in its learning phase. */
    learningPhasePercent: z.number().int().min(1).max(1000),
  })
  .meta({ id: 'GuardrailSettings' });
export type GuardrailSettings = z.infer<typeof GuardrailSettings>;

export const AutomationState = z
  .object({ stopped: z.boolean(), stoppedAt: Timestamp.nullable(), stoppedBy: z.string().nullable() })
  .meta({ id: 'AutomationState' });

export const ChangeSettings = z
  .object({ approvalPolicy: ApprovalPolicy, guardrails: GuardrailSettings, proposalTtlHours: z.number().int(), automation: AutomationState })
  .meta({ id: 'ChangeSettings' });
export type ChangeSettings = z.infer<typeof ChangeSettings>;
export const ChangeSettingsBody = z.strictObject({
  approvalPolicy: ApprovalPolicy.optional(),
  guardrails: GuardrailSettings.optional(),
  /** How long a proposal waits before it expires (1 hour to 90 days). */
  proposalTtlHours: z.number().int().min(1).max(2160).optional(),
});
export const StopAutomationResponse = AutomationState.extend({ stoppedChanges: z.number().int() });

/** POST /campaigns when the launch waits for approval (a member's, under the policy): the proposed change. */
export const ProposedLaunchResponse = z.object({ proposal: CampaignChange });

/** One result per asked proposal: its decided change, or why it was refused (`stale_proposal`, `guardrail_refused`, `conflict`, ...). */
export const DecisionResults = z
  .object({
    results: z.array(
      z.object({
        changeId: z.uuid(),
        ok: z.boolean(),
        change: CampaignChange.nullable(),
        error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'DecisionResults' });
export type DecisionResults = z.infer<typeof DecisionResults>;
