import type { BacktestResult, RuleDefinition } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { backtestRule } from './backtest/index.ts';
import { checkDefinition } from './rules.service.ts';

/** Replays a rule (saved or not) over the caller's accounts' stored history. */
export async function backtest(ctx: AppContext, access: Pick<OrgAccess, 'orgId' | 'accountIds'>, body: { definition: RuleDefinition; days: number }): Promise<BacktestResult> {
  const now = ctx.clock.now();
  checkDefinition(body.definition, now);
  return backtestRule(ctx, access.orgId, body.definition, body.days, now, access.accountIds);
}
