import type { SandboxContext } from '../../sandbox-context.ts';
import type { Account, PlatformWorld } from '../../simulator/world.types.ts';
import { adsError, type AdsError } from './google-errors.ts';

export type JsonRecord = Record<string, unknown>;

/** State shared by the operations of one mutate request. */
export interface MutateScope {
  ctx: SandboxContext;
  customer: Account;
  world: PlatformWorld;
  now: number;
  /** Temporary (negative) resource names → real ones, for cross-resource creates. */
  tempIds: Map<string, string>;
  /** Resource names created earlier in this request (not yet applied). */
  pending: Set<string>;
}

/** A validated operation: apply it (unless validateOnly) to get its resource name. */
export type Planned = { errors: AdsError[] } | { apply(): string };

export type OperationPlanner = (op: JsonRecord, scope: MutateScope, path: Array<string | [string, number]>) => Planned;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a field given in lowerCamelCase or snake_case. */
export function pick(obj: JsonRecord, camel: string): unknown {
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return obj[camel] ?? obj[snake];
}

export function snakeCase(name: string): string {
  return name.trim().replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function locate(path: Array<string | [string, number]>, ...more: Array<string | [string, number]>): AdsError['location'] {
  return { fieldPathElements: [...path, ...more].map((e) => (typeof e === 'string' ? { fieldName: e } : { fieldName: e[0], index: e[1] })) };
}

export function required(path: Array<string | [string, number]>, field: string): AdsError {
  return adsError('fieldError', 'REQUIRED', 'The required field was not present.', { location: locate(path, field) });
}

export function badEnum(path: Array<string | [string, number]>, field: string, value: unknown): AdsError {
  return adsError('requestError', 'INVALID_ENUM_VALUE', 'Invalid enum value.', { trigger: { stringValue: String(value) }, location: locate(path, field) });
}

export function tooLong(path: Array<string | [string, number]>, field: string, max: number, value: string): AdsError {
  return adsError('stringLengthError', 'TOO_LONG', `Too long. Maximum length is ${max}.`, { trigger: { stringValue: value }, location: locate(path, field) });
}

/** Parses `updateMask` into snake_case paths; reports paths outside `allowed`. */
export function readMask(op: JsonRecord, allowed: readonly string[], path: Array<string | [string, number]>): string[] | AdsError {
  const raw = pick(op, 'updateMask');
  const fields = typeof raw === 'string' && raw.trim() !== '' ? raw.split(',').map(snakeCase) : [];
  if (fields.length === 0) return adsError('fieldMaskError', 'FIELD_MASK_MISSING', 'The field mask must be provided for update operations.', { location: locate(path, 'update_mask') });
  const unknown = fields.find((f) => !allowed.includes(f));
  if (unknown) return adsError('fieldMaskError', 'FIELD_NOT_FOUND', `The field mask contained an invalid field: '${unknown}'.`, { trigger: { stringValue: unknown }, location: locate(path, 'update_mask') });
  return fields;
}

/** The id in a resource name of `collection` under this customer, resolving temp ids; null if malformed. */
export function idFrom(scope: MutateScope, resourceName: unknown, collection: string): string | null {
  if (typeof resourceName !== 'string') return null;
  const resolved = scope.tempIds.get(resourceName) ?? resourceName;
  const match = new RegExp(`^customers/(\\d+)/${collection}/(-?[\\d~]+)$`).exec(resolved);
  if (!match || match[1] !== scope.customer.id) return null;
  return match[2] ?? null;
}

export function resourceName(scope: MutateScope, collection: string, id: string): string {
  return `customers/${scope.customer.id}/${collection}/${id}`;
}

export function notFound(path: Array<string | [string, number]>, field: string, value: unknown): AdsError {
  return adsError('mutateError', 'RESOURCE_NOT_FOUND', 'The requested resource was not found.', { trigger: { stringValue: String(value) }, location: locate(path, field) });
}

/** A mask belongs to updates only: on a create or remove it is FIELD_MASK_NOT_ALLOWED. */
export function maskNotAllowed(op: JsonRecord, path: Array<string | [string, number]>): AdsError | null {
  const raw = pick(op, 'updateMask');
  if (op.update !== undefined || typeof raw !== 'string' || raw.trim() === '') return null;
  return adsError('fieldMaskError', 'FIELD_MASK_NOT_ALLOWED', 'The field mask must be empty for create and remove operations.', { location: locate(path, 'update_mask') });
}
