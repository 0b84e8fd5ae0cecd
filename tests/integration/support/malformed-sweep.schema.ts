import { expect } from 'vitest';

/**
 * The OpenAPI-driven pieces of the malformed-input sweep: the document's shape, the error shape a
 * refusal must have, and the single-field mutations of a valid body against its schema.
 */

export type Json = Record<string, unknown>;
export interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
}
export interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema?: Schema }>; requestBody?: { content?: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}
/** A list page; the AI usage answer holds its page of calls under `recent`. */
export interface Page {
  items: Array<{ id: string }>;
  nextCursor: string | null;
}
export const pageOf = (body: Page & { recent?: Page }): Page => body.recent ?? body;
export interface ErrorBody {
  error: { code: string; message: string; details?: { issues?: Array<{ field?: string }> } };
}

/** The operations this walk covers: every rules, AI settings/usage and copy operation in the document. */
export const COVERED = /\/(rules|ai|copy)(\/|$)/;
/** The change request, walked with a create_ad change (a new ad in an ad group through the change pipeline). */
export const CREATE_AD_OPERATION = 'POST /api/v1/orgs/{orgId}/campaign-changes';
export const LONG = 'x'.repeat(100_000);
/** A slow answer is a hang to a client: every refusal must come well within this. */
export const PROMPT_MS = 5_000;

export const DEFINITION = { scope: { level: 'campaign' }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 100 } }] }, then: [{ type: 'pause' }] };
export const BRIEF = { product: 'Ultralight tents', offer: 'Free shipping over $75', audience: 'hikers', keywords: ['ultralight tent'], landingPage: 'https://northwind-outdoor.example/tents' };
export const MANUAL_COPY = { platform: 'tiktok', source: 'manual', adTexts: ['Ultralight tents for every trail'] };

export function expectRefusal(res: { status: number; body: unknown; text: string }, what: string, field?: string): void {
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
  expect(res.body, `${what}: ${res.text.slice(0, 300)}`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (field) {
    const error = (res.body as ErrorBody).error;
    const named = [error.message, ...(error.details?.issues ?? []).map((i) => i.field ?? '')].join(' ');
    expect(named, `${what} names ${field}`).toContain(field);
  }
}

/** A value of the wrong JSON type for `schema` (never null, which a nullable field takes). */
export function wrongType(schema: Schema): unknown {
  switch (schema.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return '12';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'a list' };
    default:
      return ['not', 'an', 'object'];
  }
}

/** Values that are of the right type but outside what the field accepts. */
export function outOfRange(schema: Schema): Array<[string, unknown]> {
  const cases: Array<[string, unknown]> = [];
  if (schema.enum) cases.push(['bad enum value', 'not-one-of-them']);
  if (schema.type === 'string' && !schema.enum) cases.push(['huge string', LONG]);
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.minimum !== undefined) cases.push(['below the minimum', schema.minimum - 1], ['negative', -1e15]);
    cases.push(['huge number', 1e300]);
    if (schema.type === 'integer') cases.push(['fraction', (schema.minimum ?? 0) + 1.5]);
  }
  if (schema.type === 'array') cases.push(['too many items', Array.from({ length: 5_000 }, () => 'x')]);
  return cases;
}

export interface Mutation {
  what: string;
  body: unknown;
  /** The field the refusal must name. */
  field: string;
}

/** Every single-field mutation of a valid `sample` against its schema, down to nested objects and first list items. */
export function mutations(doc: OpenApi, schema: Schema, sample: unknown, prefix = '', depth = 0): Mutation[] {
  const resolved = resolve(doc, schema);
  if (depth > 6 || resolved.type !== 'object' || !resolved.properties || !isObject(sample)) return [];
  const out: Mutation[] = [];
  if (resolved.additionalProperties === false) out.push({ what: `${prefix}zzUnknown, an unknown field`, body: { ...sample, zzUnknown: true }, field: 'zzUnknown' });
  for (const [key, raw] of Object.entries(resolved.properties)) {
    const fieldSchema = resolve(doc, raw);
    const name = `${prefix}${key}`;
    if (resolved.required?.includes(key)) {
      const { [key]: _left, ...rest } = sample;
      out.push({ what: `${name} left out`, body: rest, field: key });
    }
    if (!(key in sample)) continue;
    if (!fieldSchema.anyOf && !fieldSchema.oneOf) {
      out.push({ what: `${name} of the wrong type`, body: { ...sample, [key]: wrongType(fieldSchema) }, field: key });
      for (const [kind, value] of outOfRange(fieldSchema)) out.push({ what: `${name} ${kind}`, body: { ...sample, [key]: value }, field: key });
    }
    const value = sample[key];
    const variant = fieldSchema.anyOf || fieldSchema.oneOf ? matchingVariant(doc, fieldSchema, value) : undefined;
    if (fieldSchema.anyOf || fieldSchema.oneOf) out.push({ what: `${name} matching no variant`, body: { ...sample, [key]: { zzNotAVariant: true } }, field: key });
    if (variant) {
      for (const m of mutations(doc, variant, value, `${name}.`, depth + 1)) out.push({ ...m, body: { ...sample, [key]: m.body } });
    }
    if (fieldSchema.type === 'object') {
      for (const m of mutations(doc, fieldSchema, value, `${name}.`, depth + 1)) out.push({ ...m, body: { ...sample, [key]: m.body } });
    }
    if (fieldSchema.type === 'array' && fieldSchema.items && Array.isArray(value) && value.length > 0) {
      for (const m of mutations(doc, fieldSchema.items, value[0], `${name}.0.`, depth + 1)) out.push({ ...m, body: { ...sample, [key]: [m.body, ...value.slice(1)] } });
    }
  }
  return out;
}

/** The object variant of a union that `value` is an instance of (its required keys present, its enums matched). */
export function matchingVariant(doc: OpenApi, union: Schema, value: unknown): Schema | undefined {
  if (!isObject(value)) return undefined;
  return [...(union.anyOf ?? []), ...(union.oneOf ?? [])]
    .map((v) => resolve(doc, v))
    .find((v) => v.type === 'object' && (v.required ?? []).every((k) => k in value) && Object.entries(v.properties ?? {}).every(([k, p]) => !(k in value) || !resolve(doc, p).enum || resolve(doc, p).enum!.includes(value[k])));
}

export function resolve(doc: OpenApi, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!]!);
  if (schema.allOf?.length === 1) return resolve(doc, schema.allOf[0]!);
  return schema;
}

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
