import { invalid } from './stripe-errors.ts';
import type { FormTree, FormValue } from './stripe-form.ts';
import type { StripeObject, StripeState } from './stripe-state.ts';

/** A request's decoded parameters (query string for GET/DELETE, form body for POST). */
export interface Params { tree: FormTree; requestId: string }

export function str(p: FormTree, name: string): string | undefined {
  const v = p[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalid(`Invalid string: ${name}`, name, 'parameter_invalid_string');
  return v;
}

export function int(p: FormTree, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = str(p, name);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw invalid(`Invalid integer: ${v}`, name, 'parameter_invalid_integer');
  if (n < min || n > max) throw invalid(`This value must be between ${min} and ${max}.`, name, 'parameter_invalid_integer');
  return n;
}

export function bool(p: FormTree, name: string): boolean | undefined {
  const v = str(p, name);
  if (v === undefined || v === '') return undefined;
  if (v !== 'true' && v !== 'false') throw invalid(`Invalid boolean: ${v}`, name, 'parameter_invalid_boolean');
  return v === 'true';
}

export function tree(p: FormTree, name: string): FormTree | undefined {
  const v = p[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid(`Invalid object`, name, 'parameter_invalid_object');
  return v;
}

export function list(p: FormTree, name: string): FormValue[] {
  const v = p[name];
  if (v === undefined || v === '') return [];
  if (!Array.isArray(v)) throw invalid(`Invalid array`, name, 'parameter_invalid_array');
  return v;
}

/** Refuses parameters the endpoint does not know, as Stripe does. */
export function only(p: FormTree, allowed: readonly string[]): void {
  for (const key of Object.keys(p)) if (!allowed.includes(key) && key !== 'expand') throw invalid(`Received unknown parameter: ${key}`, key, 'parameter_unknown');
}

/** Metadata updates: `metadata=` clears all, `metadata[k]=` removes one key. */
export function mergeMetadata(current: unknown, p: FormTree): Record<string, string> {
  const raw = p.metadata;
  const base = { ...(current as Record<string, string> | undefined) };
  if (raw === undefined) return base;
  if (raw === '') return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('Invalid metadata', 'metadata');
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') throw invalid('Metadata values must be strings.', `metadata[${k}]`);
    if (k.length > 40) throw invalid('Metadata keys can be at most 40 characters long.', `metadata[${k}]`);
    if (v === '') Reflect.deleteProperty(base, k);
    else base[k] = v;
  }
  if (Object.keys(base).length > 50) throw invalid('Metadata can have at most 50 keys.', 'metadata');
  return base;
}

/** A list page: newest first, `limit` 1–100 (10), `starting_after` / `ending_before` by id. */
export function page(items: StripeObject[], p: FormTree, url: string): StripeObject {
  const limit = int(p, 'limit', 1, 100) ?? 10;
  const after = str(p, 'starting_after');
  const before = str(p, 'ending_before');
  if (after && before) throw invalid('You may only specify one of these parameters: ending_before, starting_after.', 'starting_after', 'parameters_exclusive');
  let start = 0;
  let end = items.length;
  if (after) {
    const i = items.findIndex((o) => o.id === after);
    if (i < 0) throw invalid(`No such object: '${after}'`, 'starting_after', 'resource_missing');
    start = i + 1;
  } else if (before) {
    const i = items.findIndex((o) => o.id === before);
    if (i < 0) throw invalid(`No such object: '${before}'`, 'ending_before', 'resource_missing');
    end = i;
    start = Math.max(0, i - limit);
  }
  const data = before ? items.slice(start, end) : items.slice(start, start + limit);
  const hasMore = before ? start > 0 : start + limit < items.length;
  return { id: '', object: 'list', data, has_more: hasMore, url } as unknown as StripeObject;
}

/** `created[gte]=…` style filters. */
export function createdFilter(p: FormTree): (o: StripeObject) => boolean {
  const c = p.created;
  if (c === undefined) return () => true;
  if (typeof c === 'string') return (o) => Number(o.created) === Number(c);
  if (Array.isArray(c)) throw invalid('Invalid created', 'created');
  const bound = (k: string): number | undefined => (typeof c[k] === 'string' ? Number(c[k]) : undefined);
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  return (o) => {
    const t = Number(o.created);
    return (gt === undefined || t > gt) && (gte === undefined || t >= gte) && (lt === undefined || t < lt) && (lte === undefined || t <= lte);
  };
}

function expandPath(state: StripeState, value: unknown, path: string[], full: string, depth: number): unknown {
  if (depth > 4) throw invalid(`You cannot expand more than 4 levels of a property. Property: ${full}`, 'expand');
  const [head, ...rest] = path;
  if (head === undefined || value === null || typeof value !== 'object') return value;
  const node = value as Record<string, unknown>;
  if (node.object === 'list' && head === 'data' && Array.isArray(node.data)) {
    return { ...node, data: node.data.map((item: unknown) => expandPath(state, item, rest, full, depth)) };
  }
  if (!(head in node)) {
    const hint = node.object === 'list' ? ` You may want to try expanding 'data.${full}' instead.` : '';
    throw invalid(`This property cannot be expanded (${full}).${hint}`, 'expand');
  }
  let child = node[head];
  if (typeof child === 'string') {
    const target = state.objects.get(child);
    if (!target) throw invalid(`This property cannot be expanded (${full}).`, 'expand');
    child = structuredClone(target);
  } else if (child !== null && (typeof child !== 'object' || rest.length === 0)) {
    if (typeof child !== 'object') throw invalid(`This property cannot be expanded (${full}).`, 'expand');
  }
  return { ...node, [head]: rest.length ? expandPath(state, child, rest, full, depth + 1) : child };
}

/** Applies `expand[]` paths to a response (dot paths, `data.` on lists, ≤ 4 levels). */
export function expand(state: StripeState, value: StripeObject, p: FormTree): StripeObject {
  let out: StripeObject = structuredClone(value);
  for (const raw of list(p, 'expand')) {
    if (typeof raw !== 'string') throw invalid('Invalid expand', 'expand');
    out = expandPath(state, out, raw.split('.'), raw, 1) as StripeObject;
  }
  return out;
}
