import { json, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { Account, JsonValue } from '../../simulator/world.types.ts';
import { FIELDS, resourceOf, type RowContext } from './gaql-fields.ts';
import { renderRow } from './gaql-render.ts';
import { entityRows } from './gaql-rows.ts';
import type { GoogleCall } from './google-auth.ts';
import { adsError, adsFailure, failureStatus, type AdsError } from './google-errors.ts';
import { planAdGroupAdOperation, planAdGroupOperation } from './google-mutate-ads.ts';
import { planBudgetOperation } from './google-mutate-budgets.ts';
import { planCampaignOperation } from './google-mutate-campaigns.ts';
import { planAdGroupCriterionOperation, planCampaignCriterionOperation } from './google-mutate-criteria.ts';
import { isRecord, maskNotAllowed, type MutateScope, type OperationPlanner } from './google-mutate.types.ts';
import { MUTATE_ALL_REQUEST, MUTATE_REQUEST, readRequestBody } from './google-request-fields.ts';
import { camelPath } from './google-words.ts';

interface Collection {
  planner: OperationPlanner;
  gaqlResource: string;
  /** Key in googleAds:mutate operations / responses. */
  operationKey: string;
  resultKey: string;
}

export const COLLECTIONS: Record<string, Collection> = {
  campaignBudgets: { planner: planBudgetOperation, gaqlResource: 'campaign_budget', operationKey: 'campaignBudgetOperation', resultKey: 'campaignBudgetResult' },
  campaigns: { planner: planCampaignOperation, gaqlResource: 'campaign', operationKey: 'campaignOperation', resultKey: 'campaignResult' },
  adGroups: { planner: planAdGroupOperation, gaqlResource: 'ad_group', operationKey: 'adGroupOperation', resultKey: 'adGroupResult' },
  adGroupAds: { planner: planAdGroupAdOperation, gaqlResource: 'ad_group_ad', operationKey: 'adGroupAdOperation', resultKey: 'adGroupAdResult' },
  // Stored on the campaign / ad group (location and age-range criteria); not queryable through GAQL.
  campaignCriteria: { planner: planCampaignCriterionOperation, gaqlResource: 'campaign_criterion', operationKey: 'campaignCriterionOperation', resultKey: 'campaignCriterionResult' },
  adGroupCriteria: { planner: planAdGroupCriterionOperation, gaqlResource: 'ad_group_criterion', operationKey: 'adGroupCriterionOperation', resultKey: 'adGroupCriterionResult' },
};

function mutableResource(scope: MutateScope, gaqlResource: string, name: string): JsonValue | undefined {
  const row: RowContext | undefined = entityRows(scope.world, scope.customer, gaqlResource).find((r) => FIELDS[`${gaqlResource}.resource_name`]?.get(r) === name);
  if (!row) return undefined;
  const fields = Object.keys(FIELDS).filter((f) => resourceOf(f) === gaqlResource);
  return renderRow(row, fields)[camelPath(gaqlResource)[0] ?? ''];
}

/**
 * Runs operations atomically (all or nothing) unless partialFailure, in which case failed
 * operations yield empty results and their errors go to partialFailureError.
 */
function runOperations(
  ctx: SandboxContext, call: GoogleCall, customer: Account, body: Record<string, unknown>,
  ops: Array<{ op: Record<string, unknown>; collection: Collection; path: Array<string | [string, number]> }>,
): { errors: AdsError[]; results: Array<{ collection: Collection; name: string | null }> } | SandboxResponse {
  const scope: MutateScope = { ctx, customer, world: ctx.sim.world().platforms.google, now: ctx.sim.clock.now(), tempIds: new Map(), pending: new Set() };
  const planned = ops.map(({ op, collection, path }) => {
    const misplaced = maskNotAllowed(op, path);
    return { collection, plan: misplaced ? { errors: [misplaced] } : collection.planner(op, scope, path) };
  });
  const errors = planned.flatMap((p) => ('errors' in p.plan ? p.plan.errors : []));
  const partial = body.partialFailure === true;
  if (errors.length > 0 && !partial) return adsFailure(400, errors, call.version, call.requestId);
  const validateOnly = body.validateOnly === true;
  const results = planned.map(({ collection, plan }) => ({ collection, name: 'apply' in plan && !validateOnly ? plan.apply() : null }));
  return { errors, results };
}

function operationsError(call: GoogleCall, field: string): SandboxResponse {
  return adsFailure(400, [adsError('mutateError', 'OPERATIONS_REQUIRED', 'At least one operation is required.', { location: { fieldPathElements: [{ fieldName: field }] } })], call.version, call.requestId);
}

export function mutateCollection(ctx: SandboxContext, req: SandboxRequest, call: GoogleCall, customer: Account, name: string): SandboxResponse {
  const collection = COLLECTIONS[name];
  if (!collection) return { status: 404, json: { error: { code: 404, message: `Method not found: ${name}:mutate`, status: 'NOT_FOUND' } } };
  const read = readRequestBody(req, MUTATE_REQUEST);
  if ('error' in read) return read.error;
  const body = read.body;
  if (!Array.isArray(body.operations) || body.operations.length === 0) return operationsError(call, 'operations');
  const ops = body.operations.map((op: unknown, i: number) => ({ op: isRecord(op) ? op : {}, collection, path: [['operations', i]] as Array<string | [string, number]> }));
  const outcome = runOperations(ctx, call, customer, body, ops);
  if ('status' in outcome) return outcome;
  const mutable = body.responseContentType === 'MUTABLE_RESOURCE';
  const scope = { ctx, customer, world: ctx.sim.world().platforms.google, now: 0, tempIds: new Map(), pending: new Set<string>() };
  const results = outcome.results.map((r) => {
    if (r.name === null) return {};
    const base: Record<string, JsonValue> = { resourceName: r.name };
    const resource = mutable ? mutableResource(scope, collection.gaqlResource, r.name) : undefined;
    if (resource !== undefined) base[camelPath(collection.gaqlResource)[0] ?? ''] = resource;
    return base;
  });
  const out: Record<string, unknown> = { results };
  if (outcome.errors.length > 0) out.partialFailureError = failureStatus(400, 'Multiple errors in ‘details’. First error: ' + (outcome.errors[0]?.message ?? ''), outcome.errors, call.version, call.requestId);
  return json(200, out);
}

/** `googleAds:mutate`: cross-resource operations with temporary (negative) ids. */
export function mutateAll(ctx: SandboxContext, req: SandboxRequest, call: GoogleCall, customer: Account): SandboxResponse {
  const read = readRequestBody(req, MUTATE_ALL_REQUEST);
  if ('error' in read) return read.error;
  const body = read.body;
  if (!Array.isArray(body.mutateOperations) || body.mutateOperations.length === 0) return operationsError(call, 'mutate_operations');
  const ops = [];
  for (const [i, raw] of body.mutateOperations.entries()) {
    const entry = isRecord(raw) ? raw : {};
    const key = Object.keys(entry)[0] ?? '';
    const collection = Object.values(COLLECTIONS).find((c) => c.operationKey === key);
    const op = entry[key];
    if (!collection || !isRecord(op)) {
      return adsFailure(400, [adsError('mutateError', 'OPERATION_NOT_SUPPORTED', `Unsupported mutate operation: ${key}.`, { location: { fieldPathElements: [{ fieldName: 'mutate_operations', index: i }] } })], call.version, call.requestId);
    }
    ops.push({ op, collection, path: [['mutate_operations', i], key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] as Array<string | [string, number]> });
  }
  const outcome = runOperations(ctx, call, customer, body, ops);
  if ('status' in outcome) return outcome;
  const out: Record<string, unknown> = {
    mutateOperationResponses: outcome.results.map((r) => (r.name === null ? {} : { [r.collection.resultKey]: { resourceName: r.name } })),
  };
  if (outcome.errors.length > 0) out.partialFailureError = failureStatus(400, outcome.errors[0]?.message ?? '', outcome.errors, call.version, call.requestId);
  return json(200, out);
}
