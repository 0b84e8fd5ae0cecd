import { z } from 'zod';
import { DEFAULT_APPROVAL_POLICY, DEFAULT_GUARDRAIL_SETTINGS, type ApprovalPolicy, type GuardrailSettings } from '@adloop/engine';
import type { Db } from '@adloop/db';
import { readChangeSettings } from './settings.repository.ts';

/** How long a proposal waits by default before it expires. */
export const DEFAULT_PROPOSAL_TTL_HOURS = 7 * 24;

/** The organisation's change settings with every default filled in. */
export interface ChangeSettingsValue {
  approvalPolicy: ApprovalPolicy;
  guardrails: GuardrailSettings;
  proposalTtlHours: number;
  automationStoppedAt: Date | null;
  automationStoppedBy: string | null;
}

// Parse boundary: stored JSON may predate a key (or hold a bad one); each key falls back on its own.
const StoredPolicy = z.object({
  memberLaunches: z.boolean().catch(DEFAULT_APPROVAL_POLICY.memberLaunches),
  budgetAbove: z
    .object({ amountMicros: z.number().int().min(0).nullable().catch(null), percent: z.number().min(0).nullable().catch(null) })
    .catch(DEFAULT_APPROVAL_POLICY.budgetAbove),
  proposalTtlHours: z.number().int().min(1).catch(DEFAULT_PROPOSAL_TTL_HOURS),
});
const StoredGuardrails = z.object({
  budgetJumpPercent: z.number().int().min(1).catch(DEFAULT_GUARDRAIL_SETTINGS.budgetJumpPercent),
  maxChangesPerEntityPerDay: z.number().int().min(1).catch(DEFAULT_GUARDRAIL_SETTINGS.maxChangesPerEntityPerDay),
  learningPhasePercent: z.number().int().min(1).catch(DEFAULT_GUARDRAIL_SETTINGS.learningPhasePercent),
});

export async function loadChangeSettings(db: Db, orgId: string): Promise<ChangeSettingsValue> {
  const stored = await readChangeSettings(db, orgId);
  const policy = StoredPolicy.parse(stored?.approvalPolicy ?? {});
  return {
    approvalPolicy: { memberLaunches: policy.memberLaunches, budgetAbove: policy.budgetAbove },
    guardrails: StoredGuardrails.parse(stored?.guardrailSettings ?? {}),
    proposalTtlHours: policy.proposalTtlHours,
    automationStoppedAt: stored?.automationStoppedAt ?? null,
    automationStoppedBy: stored?.automationStoppedBy ?? null,
  };
}
