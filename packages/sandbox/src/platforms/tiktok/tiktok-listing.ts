import type { JsonValue } from '../../simulator/world.types.ts';
import { isFailure, ok, type TikTokResult } from './tiktok-envelope.ts';
import { readPage, pageOf } from './tiktok-paging.ts';
import { invalid, oneOf, optionalObject, optionalStringList, type TikTokParams } from './tiktok-params.ts';
import type { Obj } from './tiktok-views.ts';
import { matchesPrimaryStatus, PRIMARY_STATUSES } from './tiktok-words.ts';

/** A `filtering` key of a get endpoint: how a value of it selects views. */
export type FilterRule = (view: Obj, value: JsonValue) => boolean;

const asList = (value: JsonValue): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);

export const byValues = (field: string): FilterRule => (view, value) => asList(value).includes(String(view[field]));
export const byNameContains = (field: string): FilterRule => (view, value) => String(view[field]).toLowerCase().includes(String(value).toLowerCase());

function toJson(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return String(value);
}

/**
 * campaign/get, adgroup/get and ad/get: `filtering` (JSON object; unknown keys are rejected;
 * `primary_status` defaults to STATUS_NOT_DELETE), `fields` (JSON array, unknown names rejected),
 * `page`/`page_size` → `{list, page_info}`.
 */
export function listViews(p: TikTokParams, views: readonly Obj[], rules: Record<string, FilterRule>, allFields: readonly string[]): TikTokResult {
  const filtering = optionalObject(p, 'filtering');
  if (isFailure(filtering)) return filtering;
  const fields = optionalStringList(p, 'fields');
  if (isFailure(fields)) return fields;
  const unknownField = fields?.find((f) => !allFields.includes(f));
  if (unknownField !== undefined) return invalid('fields', `Invalid field: ${unknownField}. Allowed: ${allFields.join(', ')}.`);
  const page = readPage(p);
  if (isFailure(page)) return page;
  const filters: Array<[FilterRule, JsonValue]> = [];
  let primary = 'STATUS_NOT_DELETE';
  for (const [key, raw] of Object.entries(filtering ?? {})) {
    const value = toJson(raw);
    if (key === 'primary_status') {
      const word = oneOf('filtering.primary_status', String(value), PRIMARY_STATUSES);
      if (isFailure(word)) return word;
      primary = word;
      continue;
    }
    const rule = rules[key];
    if (!rule) return invalid('filtering', `Unknown filter field: ${key}. Allowed: primary_status, ${Object.keys(rules).join(', ')}.`);
    if (Array.isArray(value) && value.length > 100) return invalid(`filtering.${key}`, 'Length must be less than or equal to 100.');
    filters.push([rule, value]);
  }
  const selected = views
    .filter((v) => matchesPrimaryStatus(primary, String(v.secondary_status)))
    .filter((v) => filters.every(([rule, value]) => rule(v, value)));
  const wanted = fields && fields.length > 0 ? fields : allFields;
  const { list, page_info: pageInfo } = pageOf(selected, page);
  const projected = list.map((v) => Object.fromEntries(wanted.map((f) => [f, v[f] ?? null])));
  return ok({ list: projected, page_info: pageInfo });
}
