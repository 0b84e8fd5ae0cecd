import { currentValue } from '../../simulator/timeline.ts';
import { CURRENCY_SCALE } from '../../simulator/world-catalog.ts';
import { nextCreatedId } from '../../simulator/world-ids.ts';
import { addBudget, changeBudgetAmount, changeStatus } from '../../simulator/world-mutations.ts';
import { adsError, type AdsError } from './google-errors.ts';
import {
  badEnum, idFrom, isRecord, locate, notFound, pick, readMask, required, resourceName, tooLong, type MutateScope, type OperationPlanner, type Planned,
} from './google-mutate.types.ts';

function amountErrors(scope: MutateScope, value: unknown, path: Array<string | [string, number]>): AdsError[] {
  const amount = Number(value);
  if (!Number.isInteger(amount) || amount < 0) return [adsError('requestError', 'INVALID_INPUT', 'amount_micros must be a non-negative int64.', { location: locate(path, 'amount_micros') })];
  const minimum = Math.round((CURRENCY_SCALE[scope.customer.currency] ?? 1) * 1e6);
  if (amount < minimum) {
    return [adsError('campaignBudgetError', 'BUDGET_BELOW_PER_DAY_MINIMUM', 'The budget amount is below the per-day minimum.', {
      location: locate(path, 'amount_micros'),
      details: { budgetPerDayMinimumErrorDetails: { currencyCode: scope.customer.currency, budgetAmountMicros: String(amount), minimumBudgetAmountMicros: String(minimum) } },
    })];
  }
  if (amount % 10_000 !== 0) return [adsError('campaignBudgetError', 'NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT', 'Budget amount must be a multiple of the minimum currency unit.', { location: locate(path, 'amount_micros') })];
  return [];
}

/** `campaignBudgets:mutate` operations. */
export const planBudgetOperation: OperationPlanner = (op, scope, path): Planned => {
  const { world, now } = scope;
  const create = op.create;
  if (isRecord(create)) {
    const p: Array<string | [string, number]> = [...path, 'create'];
    const errors: AdsError[] = [];
    const name = pick(create, 'name');
    if (typeof name !== 'string' || name === '') errors.push(required(p, 'name'));
    else if (name.length > 255) errors.push(tooLong(p, 'name', 255, name));
    const amount = pick(create, 'amountMicros');
    if (amount === undefined) errors.push(required(p, 'amount_micros'));
    else errors.push(...amountErrors(scope, amount, p));
    const delivery = pick(create, 'deliveryMethod') ?? 'STANDARD';
    if (delivery !== 'STANDARD' && delivery !== 'ACCELERATED') errors.push(badEnum(p, 'delivery_method', delivery));
    if (errors.length > 0) return { errors };
    const id = nextCreatedId(scope.ctx.sim.seed, world, 'budget');
    const name2 = resourceName(scope, 'campaignBudgets', id);
    const temp = pick(create, 'resourceName');
    if (typeof temp === 'string') scope.tempIds.set(temp, name2);
    scope.pending.add(name2);
    return {
      apply: () => {
        addBudget(world, { id, accountId: scope.customer.id, name: String(name), amountMicros: Number(amount), attrs: { deliveryMethod: String(delivery), explicitlyShared: pick(create, 'explicitlyShared') !== false } }, now);
        return name2;
      },
    };
  }
  if (isRecord(op.update)) {
    const p: Array<string | [string, number]> = [...path, 'update'];
    const id = idFrom(scope, pick(op.update, 'resourceName'), 'campaignBudgets');
    const budget = id ? world.budgets.get(id) : undefined;
    if (!id || !budget || budget.accountId !== scope.customer.id) return { errors: [notFound(p, 'resource_name', pick(op.update, 'resourceName'))] };
    const mask = readMask(op, ['amount_micros', 'name', 'delivery_method'], path);
    if (!Array.isArray(mask)) return { errors: [mask] };
    const update = op.update;
    const amount = pick(update, 'amountMicros');
    if (mask.includes('amount_micros')) {
      const errors = amountErrors(scope, amount, p);
      if (errors.length > 0) return { errors };
    }
    return {
      apply: () => {
        if (mask.includes('amount_micros')) changeBudgetAmount(world, budget.id, Number(amount), now);
        if (mask.includes('name')) budget.name = String(pick(update, 'name') ?? budget.name);
        if (mask.includes('delivery_method')) budget.attrs.deliveryMethod = String(pick(update, 'deliveryMethod') ?? 'STANDARD');
        return resourceName(scope, 'campaignBudgets', budget.id);
      },
    };
  }
  if (typeof op.remove === 'string') {
    const id = idFrom(scope, op.remove, 'campaignBudgets');
    const budget = id ? world.budgets.get(id) : undefined;
    if (!budget || currentValue(budget.status) === 'REMOVED') return { errors: [notFound(path, 'remove', op.remove)] };
    return { apply: () => (changeStatus(world, 'budget', budget.id, 'REMOVED', now), resourceName(scope, 'campaignBudgets', budget.id)) };
  }
  return { errors: [adsError('mutateError', 'OPERATION_NOT_SUPPORTED', 'The operation must be one of create, update or remove.', { location: locate(path) })] };
};
