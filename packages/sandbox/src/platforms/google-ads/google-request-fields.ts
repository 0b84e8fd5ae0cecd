import type { SandboxRequest, SandboxResponse } from '../../http/http.types.ts';
import { camelPath } from './google-words.ts';

/**
 * The request messages' fields as Google's JSON transcoding knows them. Names are lowerCamelCase;
 * the proto JSON parser also takes the snake_case spelling. A nested shape is an object (or a list
 * of objects, `[shape]`); `'object'` is a message whose own fields the sandbox does not check
 * (resources inside mutate operations).
 */
type Leaf = 'string' | 'bool' | 'int' | 'enum' | 'object';
export type Shape = { [field: string]: Leaf | Shape | [Shape] };

const SEARCH_SETTINGS: Shape = { omitResults: 'bool', returnSummaryRow: 'bool', returnTotalResultsCount: 'bool' };

export const SEARCH_REQUEST: Shape = {
  customerId: 'string', query: 'string', pageToken: 'string', pageSize: 'int', validateOnly: 'bool', searchSettings: SEARCH_SETTINGS,
};
export const SEARCH_STREAM_REQUEST: Shape = { customerId: 'string', query: 'string', summaryRowSetting: 'enum' };

const OPERATION: Shape = { create: 'object', update: 'object', remove: 'string', updateMask: 'string', policyValidationParameter: 'object', exemptPolicyViolationKeys: 'object' };
const MUTATE_OPTIONS: Shape = { customerId: 'string', partialFailure: 'bool', validateOnly: 'bool', responseContentType: 'enum' };
export const MUTATE_REQUEST: Shape = { ...MUTATE_OPTIONS, operations: [OPERATION] };
export const MUTATE_ALL_REQUEST: Shape = { ...MUTATE_OPTIONS, mutateOperations: [{}] };

const TYPE_NAMES: Record<Exclude<Leaf, 'object'>, string> = { string: 'TYPE_STRING', bool: 'TYPE_BOOL', int: 'TYPE_INT32', enum: 'TYPE_ENUM' };

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A 400 from Google's front end: the JSON payload itself is wrong (google.rpc.BadRequest detail). */
export function badRequest(description: string, field?: string): SandboxResponse {
  const violation = field === undefined ? { description } : { field, description };
  return {
    status: 400,
    json: { error: { code: 400, message: description, status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [violation] }] } },
  };
}

function fitsLeaf(leaf: Exclude<Leaf, 'object'>, value: unknown): boolean {
  if (leaf === 'bool') return typeof value === 'boolean';
  if (leaf === 'int') return (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value));
  return typeof value === 'string';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Checked = { body: Record<string, unknown> } | { error: SandboxResponse };

/** Checks one message; returns it with every known field under its lowerCamelCase name. */
function check(value: Record<string, unknown>, shape: Shape, at: string): Checked {
  const body: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const name = camelPath(key)[0] ?? key;
    const spec = shape[name];
    if (spec === undefined) {
      const where = at === '' ? '' : ` at '${at}'`;
      return { error: badRequest(`Invalid JSON payload received. Unknown name "${key}"${where}: Cannot find field.`, at === '' ? undefined : at) };
    }
    const path = at === '' ? snake(name) : `${at}.${snake(name)}`;
    const field = checkField(raw, spec, path);
    if ('error' in field) return field;
    if (raw !== null) body[name] = field.value;
  }
  return { body };
}

function checkField(raw: unknown, spec: Leaf | Shape | [Shape], path: string): { value: unknown } | { error: SandboxResponse } {
  if (raw === null || spec === 'object') return { value: raw };
  if (Array.isArray(spec)) {
    if (!Array.isArray(raw)) return { error: badRequest(`Invalid value at '${path}', expected a list.`, path) };
    const items: unknown[] = raw;
    const value: unknown[] = [];
    for (const [i, item] of items.entries()) {
      const inner = checkField(item, spec[0], `${path}[${i}]`);
      if ('error' in inner) return inner;
      value.push(inner.value);
    }
    return { value };
  }
  if (typeof spec === 'object') {
    if (!isPlainObject(raw)) return { error: badRequest(`Invalid value at '${path}', expected an object.`, path) };
    if (Object.keys(spec).length === 0) return { value: raw };
    const inner = check(raw, spec, path);
    return 'error' in inner ? inner : { value: inner.body };
  }
  if (!fitsLeaf(spec, raw)) return { error: badRequest(`Invalid value at '${path}' (${TYPE_NAMES[spec]}), ${JSON.stringify(raw)}`, path) };
  return { value: raw };
}

/**
 * Reads a JSON request body the way Google's front end does: malformed JSON and unknown field
 * names are a 400 `INVALID_ARGUMENT` with a `google.rpc.BadRequest` detail (before the API sees
 * the request), wrongly typed values likewise.
 */
export function readRequestBody(req: SandboxRequest, shape: Shape): Checked {
  if (req.rawBody.trim() === '') return { body: {} };
  if (req.json === undefined) return { error: badRequest('Invalid JSON payload received. Unexpected token.') };
  if (!isPlainObject(req.json)) return { error: badRequest('Invalid JSON payload received. Root element must be a message.') };
  return check(req.json, shape, '');
}
