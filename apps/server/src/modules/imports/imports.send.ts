import { z } from 'zod';
import { NewCampaignBody, type GuardrailId, type ImportRowResult } from '@adloop/contracts';
import type { CampaignDraft, ChangeIntent } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import type { AuditSource } from '../audit/audit.writer.ts';
import { actorOf } from '../changes/actor.ts';
import { requestChanges } from '../changes/changes.service.ts';
import { launchCampaign } from '../campaigns/launch.service.ts';

/**
 * Sending one valid row down the same road its single-row request takes: a change goes to the
 * change pipeline exactly as `POST /campaign-changes` sends it, a new campaign to the launch
 * service `POST /campaigns` uses (a proposal where the approval policy holds it). Their refusals (the pipeline's guardrails, the platform's
 * checks) become the row's `failed` result; anything unexpected is thrown.
 */

const sent = (line: number, values: Pick<ImportRowResult, 'changeId' | 'campaignId' | 'state'>): ImportRowResult => ({ line, outcome: 'sent', ...values, message: null, errors: [], guardrails: [] });

/** The guardrails named by a `guardrail_refused` answer (`details.guardrails`). */
const RefusedGuardrails = z.object({ guardrails: z.array(z.object({ id: z.string(), soft: z.boolean(), message: z.string() })) });

/** An expected refusal of one row, in the words the single request would answer. */
export function failedRow(line: number, error: unknown): ImportRowResult {
  if (!(error instanceof AppError) || (error.status >= 500 && error.code !== 'upstream_failed')) throw error;
  const refused = RefusedGuardrails.safeParse(error.details);
  const guardrails = refused.success ? refused.data.guardrails.map(({ id, soft, message }) => ({ id, soft, message })) : [];
  return { line, outcome: 'failed', changeId: null, campaignId: null, state: null, message: error.message, errors: [], guardrails };
}

/** Each row has its own idempotency key (`<import key>:<line>`), so a repeated apply never records a row's change twice. */
export async function sendChangeRow(ctx: AppContext, access: OrgAccess, row: { idempotencyKey: string; line: number; intent: ChangeIntent; confirm: readonly GuardrailId[]; reason: string }): Promise<ImportRowResult> {
  const { intent, line } = row;
  const change = { campaignId: intent.campaignId, action: intent.action, amountMicros: intent.amountMicros, expected: intent.expected };
  const [created] = await requestChanges(ctx, access, actorOf(access.actor), { idempotencyKey: `${row.idempotencyKey}:${line}`, changes: [change], confirm: row.confirm, reason: row.reason });
  if (!created) throw new Error(`the change pipeline recorded nothing for line ${line}`);
  return sent(line, { changeId: created.id, campaignId: created.campaignId, state: created.state });
}

export async function sendCampaignRow(ctx: AppContext, access: OrgAccess, source: AuditSource, line: number, draft: CampaignDraft): Promise<ImportRowResult> {
  // The wizard's own schema once more: the row was built to fit it, and the creation service trusts it.
  const body = NewCampaignBody.parse(draft);
  // A member's launch becomes a proposal under the organisation's policy, exactly as from the wizard.
  const launched = await launchCampaign(ctx, access, source, body);
  if ('proposal' in launched) return sent(line, { changeId: launched.proposal.id, campaignId: null, state: launched.proposal.state });
  return sent(line, { changeId: null, campaignId: launched.campaign.id, state: 'applied' });
}
