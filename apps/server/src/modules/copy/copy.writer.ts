import { copyCallPlan, CopyOutputError, generateCopy, LlmError, type CopyCall, type TokenUsage } from '@adloop/ai';
import type { AdCopy, BrandVoice, CopyBrief, PlatformId } from '@adloop/contracts';
import { templateCopy } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { AiCallFailedAfterUsage, aiAvailable, meteredCall, type AiCaller } from '../ai/metering.ts';
import { assertWithinPlan } from '../billing/limits.ts';

/** What to write: per platform, how many ads. */
export type CopyOrder = Array<{ platform: PlatformId; count: number }>;

export interface WrittenCopy {
  source: 'ai' | 'template';
  copies: Map<PlatformId, AdCopy[]>;
  calls: CopyCall[];
  provider: string | null;
  model: string | null;
  /** Null for template copy. */
  usage: { usageId: string; tokensIn: number; tokensOut: number; costMicros: number } | null;
}

export interface WriteInput {
  brief: CopyBrief;
  voice: BrandVoice;
  order: CopyOrder;
  landingText: string | null;
  /** 0 for the first generation, then one more per regeneration: the model (or the grammar) writes afresh. */
  attempt: number;
}

const add = (a: TokenUsage, b: TokenUsage): TokenUsage => ({ inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens });

/** The template grammar's copy: no provider, no cost; each ad of a platform from its own seed. */
function writeFromTemplate(input: WriteInput): WrittenCopy {
  const copies = new Map<PlatformId, AdCopy[]>();
  for (const { platform, count } of input.order) {
    copies.set(platform, Array.from({ length: count }, (_, i) => templateCopy(platform, input.brief, input.voice, input.attempt * 7 + i)));
  }
  return { source: 'template', copies, calls: [], provider: null, model: null, usage: null };
}

/** An LLM failure in words a person can act on (the cap's 402 passes through as it is). */
function asAppError(error: unknown): unknown {
  if (error instanceof CopyOutputError) return new AppError('upstream_failed', error.message);
  if (error instanceof LlmError) {
    return new AppError(error.kind === 'invalid_request' ? 'upstream_failed' : 'unavailable', `The AI provider did not write the copy (${error.message}). Try again in a moment, or write the copy yourself.`);
  }
  return error;
}

/**
 * Writes copy for each platform of the order: through the metered LLM client (one metered call
 * covering every platform, reserved at the worst case under the organisation's cap), or with the
 * template grammar when no AI provider is configured. The copy comes back raw: the caller reviews it.
 */
export async function writeCopy(ctx: AppContext, caller: AiCaller, input: WriteInput): Promise<WrittenCopy> {
  if (!aiAvailable(ctx)) return writeFromTemplate(input);
  // The plan's AI generations a month (the spending cap in micros below stays a money guard).
  await assertWithinPlan(ctx, ctx.db, caller.orgId, 'aiGenerationsPerMonth');
  const plan = input.order.reduce(
    (sum, { platform, count }) => {
      const one = copyCallPlan({ brief: input.brief, voice: input.voice, platforms: [platform], landingText: input.landingText, variations: count, seed: input.attempt });
      return { promptTokens: sum.promptTokens + one.promptTokens, maxOutputTokens: sum.maxOutputTokens + one.maxOutputTokens };
    },
    { promptTokens: 0, maxOutputTokens: 0 },
  );
  try {
    const metered = await meteredCall(ctx, caller, plan, async (client) => {
      const copies = new Map<PlatformId, AdCopy[]>();
      const calls: CopyCall[] = [];
      let usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
      const first = client.registry.list()[0];
      let last = { provider: first?.id ?? 'unknown', model: first?.defaultModel ?? 'unknown' };
      for (const { platform, count } of input.order) {
        try {
          const written = await generateCopy({ client, brief: input.brief, voice: input.voice, platforms: [platform], landingText: input.landingText, variations: count, seed: input.attempt });
          copies.set(platform, written.platforms[0]?.copies ?? []);
          calls.push(...written.calls);
          usage = add(usage, written.usage);
          last = { provider: written.provider, model: written.model };
        } catch (error) {
          // What the platforms before it (and the refused answers) used is still billed.
          const spent = error instanceof CopyOutputError ? add(usage, error.usage) : usage;
          throw new AiCallFailedAfterUsage(error, { usage: spent, ...last });
        }
      }
      return { value: { copies, calls }, usage, ...last };
    });
    const tokens = metered.value.calls.reduce((sum, c) => add(sum, c.usage), { inputTokens: 0, outputTokens: 0 });
    return {
      source: 'ai', copies: metered.value.copies, calls: metered.value.calls, provider: metered.provider, model: metered.model,
      usage: { usageId: metered.usageId, tokensIn: tokens.inputTokens, tokensOut: tokens.outputTokens, costMicros: metered.costMicros },
    };
  } catch (error) {
    throw asAppError(error);
  }
}
