import { fieldError } from '../errors.ts';

const MAX_DEPTH = 64;

/**
 * The dot path of the first string (or object key) in `value` holding U+0000, or null.
 * PostgreSQL text cannot store that character, so it is refused at the door with the field
 * that held it instead of failing deep in a query.
 */
export function findNulCharacter(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || path.length > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulCharacter(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '\\u0000')];
    const found = findNulCharacter(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** Throws a 400 naming the field when the request's path parameters, query or body hold U+0000. */
export function refuseNulCharacters(request: { params?: unknown; query?: unknown; body?: unknown }): void {
  // Locations named as schema validation names them.
  for (const [location, part] of [['params', 'params'], ['querystring', 'query'], ['body', 'body']] as const) {
    const found = findNulCharacter(request[part]);
    if (found) {
      throw fieldError(found.length ? found.join('.') : '(root)', 'must not contain the NUL character (U+0000)', location);
    }
  }
}

/**
 * A route without a body schema takes no body: one sent anyway (anything but nothing, null or
 * `{}`) is a 400 naming its first field, as an unknown field in a schema'd body is, instead of
 * being silently ignored while the operation runs.
 */
export function refuseUnexpectedBody(request: { body?: unknown; routeOptions: { url?: string | undefined; schema?: { body?: unknown } | undefined } }): void {
  const body = request.body;
  // An unmatched path stays a 404, whatever it was sent.
  if (request.routeOptions.url === undefined || request.routeOptions.schema?.body !== undefined || body === undefined || body === null) return;
  const isObject = typeof body === 'object' && !Array.isArray(body);
  const first = isObject ? Object.keys(body)[0] : '(root)';
  if (first === undefined) return;
  throw fieldError(first, isObject ? 'Unknown field: this operation takes no body' : 'This operation takes no body');
}
