import type { JsonValue } from '../../simulator/world.types.ts';
import { FIELDS, resourceOf, type RowContext } from './gaql-fields.ts';
import { camelPath } from './google-words.ts';

type JsonObject = { [key: string]: JsonValue };

function setPath(target: JsonObject, path: string[], value: JsonValue): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    const child = node[key];
    if (child && typeof child === 'object' && !Array.isArray(child)) node = child;
    else {
      const fresh: JsonObject = {};
      node[key] = fresh;
      node = fresh;
    }
  });
  const last = path[path.length - 1];
  if (last) node[last] = value;
}

/** A GoogleAdsRow in REST JSON: nested lowerCamelCase objects, each selected resource with its resourceName. */
export function renderRow(row: RowContext, select: readonly string[]): JsonObject {
  const out: JsonObject = {};
  const resources = new Set(select.map(resourceOf).filter((r) => r !== 'segments' && r !== 'metrics'));
  for (const resource of resources) {
    const name = FIELDS[`${resource}.resource_name`]?.get(row);
    if (name !== undefined) setPath(out, [...camelPath(resource), 'resourceName'], name);
  }
  for (const field of select) {
    const value = FIELDS[field]?.get(row);
    if (value !== undefined) setPath(out, camelPath(field), value);
  }
  return out;
}

export function fieldMask(select: readonly string[]): string {
  return select.map((f) => camelPath(f).join('.')).join(',');
}
