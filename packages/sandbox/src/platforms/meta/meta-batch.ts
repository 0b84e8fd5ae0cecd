import { json, param, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import { graphError, invalidParameter } from './meta-errors.ts';
import { listOf } from './meta-params.ts';

/** Answers one Graph request (the whole API, faults and usage included). */
export type GraphHandler = (req: SandboxRequest) => Promise<SandboxResponse>;

const MAX_IDS = 50;
const MAX_BATCH = 50;

function subRequest(outer: SandboxRequest, method: string, url: URL, body: URLSearchParams | null): SandboxRequest {
  const token = param(outer, 'access_token');
  const carries = url.searchParams.has('access_token') || body?.has('access_token') === true;
  if (token !== undefined && !carries) url.searchParams.set('access_token', token);
  const { 'content-type': _type, 'content-length': _length, ...headers } = outer.headers;
  return { method, url, path: url.pathname, query: url.searchParams, headers, rawBody: body?.toString() ?? '', json: undefined, form: body, params: {} };
}

function isMissingObject(res: SandboxResponse): boolean {
  const error: unknown = res.json && typeof res.json === 'object' ? Reflect.get(res.json, 'error') : undefined;
  return error !== null && typeof error === 'object' && Reflect.get(error, 'code') === 100 && Reflect.get(error, 'error_subcode') === 33;
}

/**
 * `GET /?ids=a,b` (and `GET /{edge}?ids=a,b`): several objects in one call, answered as one
 * object keyed by the ids as given. Ids that do not resolve fail the whole call with code 803.
 */
export async function readByIds(req: SandboxRequest, edge: string | undefined, handle: GraphHandler): Promise<SandboxResponse> {
  const ids = listOf(param(req, 'ids'));
  if (ids.length === 0) return edge === undefined ? graphError({ code: 100, type: 'GraphMethodException', message: 'Unsupported get request.' }) : invalidParameter('Cannot specify an empty identifier');
  if (ids.length > MAX_IDS) return invalidParameter(`Too many IDs. Maximum: ${MAX_IDS}`);
  const version = /^\/v\d+\.0/.exec(req.path)?.[0] ?? '';
  const out: Record<string, unknown> = {};
  const missing: string[] = [];
  let headers: Record<string, string> = {};
  for (const id of ids) {
    const url = new URL(`${version}/${encodeURIComponent(id)}${edge ? `/${edge}` : ''}`, req.url);
    req.query.forEach((value, key) => { if (key !== 'ids') url.searchParams.set(key, value); });
    const res = await handle(subRequest(req, 'GET', url, null));
    if (isMissingObject(res)) missing.push(id);
    else if (res.status >= 400) return res;
    else out[id] = res.json;
    headers = { ...headers, ...(res.headers ?? {}) };
  }
  if (missing.length > 0) return graphError({ code: 803, message: `(#803) Some of the aliases you requested do not exist: ${missing.join(',')}` });
  return json(200, out, headers);
}

function batchItems(req: SandboxRequest): unknown[] | null {
  const fromJson: unknown = req.json && typeof req.json === 'object' ? Reflect.get(req.json, 'batch') : undefined;
  if (Array.isArray(fromJson)) return fromJson;
  const raw = typeof fromJson === 'string' ? fromJson : req.form?.get('batch') ?? req.query.get('batch');
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Values at a JSONPath like `$.id` or `$.data.*.id` (the subset batch references use). */
function jsonPath(value: unknown, path: string): unknown[] {
  let nodes: unknown[] = [value];
  for (const part of path.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
    nodes = nodes.flatMap((node) => {
      if (part === '*') return Array.isArray(node) ? node : [];
      return node !== null && typeof node === 'object' && Reflect.has(node, part) ? [Reflect.get(node, part)] : [];
    });
  }
  return nodes;
}

/** Replaces `{result=name:$.path}` with the named earlier answer's values (comma-joined); null when one cannot resolve. */
function resolveReferences(text: string, named: Map<string, unknown>): string | null {
  let unresolved = false;
  const out = text.replace(/\{result=([^:}]+):([^}]+)\}/g, (_, name: string, path: string) => {
    const values = named.has(name) ? jsonPath(named.get(name), decodeURIComponent(path)) : [];
    if (values.length === 0) unresolved = true;
    return values.map(String).join(',');
  });
  return unresolved ? null : out;
}

function field(item: unknown, key: string): unknown {
  return item !== null && typeof item === 'object' ? Reflect.get(item, key) : undefined;
}

/**
 * The batch endpoint: `POST /` with `batch` (a JSON array, or its JSON text as a form field) of
 * `{method, relative_url, body?, name?}`. Each item runs as its own call (counted, faulted and
 * throttled like one) and answers `{code, headers: [{name, value}], body: "<JSON text>"}`. A named
 * item's answer can feed later items through `{result=name:$.id}`; an item whose reference cannot
 * resolve answers an error. Responses of referenced items are kept (as with
 * `omit_response_on_success=false`).
 */
export async function runBatch(req: SandboxRequest, handle: GraphHandler): Promise<SandboxResponse> {
  const items = batchItems(req);
  if (items === null) return invalidParameter('The parameter batch is required and must be a JSON array');
  if (items.length > MAX_BATCH) return invalidParameter(`Too many requests in batch message. Maximum batch size is ${MAX_BATCH}`);
  const includeHeaders = param(req, 'include_headers') !== 'false';
  const named = new Map<string, unknown>();
  const answers: unknown[] = [];
  for (const [i, item] of items.entries()) {
    const method = String(field(item, 'method') ?? 'GET').toUpperCase();
    const relative = resolveReferences(String(field(item, 'relative_url') ?? ''), named);
    const rawBody = field(item, 'body');
    const bodyText = typeof rawBody === 'string' ? resolveReferences(rawBody, named) : '';
    let res: SandboxResponse;
    if (relative === null || bodyText === null) {
      res = invalidParameter(`Batch request ${i} refers to a result that is not available`);
    } else {
      const url = new URL(relative.replace(/^\/+/, ''), new URL('/', req.url));
      const body = rawBody !== null && typeof rawBody === 'object' ? new URLSearchParams(Object.entries(rawBody).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)])) : bodyText ? new URLSearchParams(bodyText) : null;
      res = await handle(subRequest(req, method, url, method === 'GET' ? null : body));
    }
    const name = field(item, 'name');
    if (typeof name === 'string' && res.status < 400) named.set(name, res.json);
    const headers = Object.entries(res.headers ?? {}).map(([headerName, value]) => ({ name: headerName, value }));
    answers.push({ code: res.status, ...(includeHeaders ? { headers: [{ name: 'Content-Type', value: 'text/javascript; charset=UTF-8' }, ...headers] } : {}), body: JSON.stringify(res.json ?? null) });
  }
  return json(200, answers);
}
