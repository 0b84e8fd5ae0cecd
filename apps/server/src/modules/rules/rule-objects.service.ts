import { z } from 'zod';
import type { RuleObjectChoice, RuleScopeOptions } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { scopeFacts, searchObjects } from './rule-objects.repository.ts';

const MAX_IDS = 100;
const Id = z.uuid();

function idsOf(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  const problem = ids.length > MAX_IDS ? `at most ${MAX_IDS} ids` : ids.find((id) => !Id.safeParse(id).success) ? 'must be Adloop ids (UUIDs) separated by commas' : null;
  if (problem) throw new AppError('validation_failed', `ids: ${problem}`, { issues: [{ location: 'querystring', field: 'ids', message: problem }] });
  return ids;
}

/**
 * Objects a rule's fixed list can name: by name at a level, or by id (a saved list's names), for the
 * caller's accounts. With ids, every one found is answered whatever `limit`.
 */
export async function findRuleObjects(
  ctx: AppContext,
  access: Pick<OrgAccess, 'orgId' | 'accountIds'>,
  query: { level: RuleObjectChoice['level']; q?: string | undefined; ids?: string | undefined; limit: number },
): Promise<{ items: RuleObjectChoice[] }> {
  const ids = idsOf(query.ids);
  if (ids?.length === 0) return { items: [] };
  const items = await searchObjects(ctx.db, access.orgId, { level: query.level, q: query.q || undefined, ids, accountIds: access.accountIds, limit: ids ? ids.length : query.limit });
  return { items };
}

/** The objectives of the organisation's campaigns in the platforms' words, and the labels in use. */
export async function ruleScopeOptions(ctx: AppContext, orgId: string): Promise<RuleScopeOptions> {
  const facts = await scopeFacts(ctx.db, orgId);
  const byObjective = new Map<string, RuleScopeOptions['objectives'][number]>();
  for (const { objective, platform } of facts.objectives) {
    const label = ctx.platforms.registry.has(platform) ? ctx.platforms.registry.get(platform).capabilities.objectiveLabels[objective] : undefined;
    const known = byObjective.get(objective);
    if (known) known.platforms.push(platform);
    else byObjective.set(objective, { id: objective, label: label ?? objective, platforms: [platform] });
  }
  return { objectives: [...byObjective.values()], labels: facts.labels };
}
