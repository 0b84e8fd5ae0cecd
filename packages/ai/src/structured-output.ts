import { z } from 'zod';
import { LlmError, type LlmErrorDetails } from './contract/errors.ts';
import type { StructuredOutput } from './contract/llm-provider.ts';

export type JsonSchema = Record<string, unknown>;

/** The JSON Schema sent to the model for `output.schema` (draft 2020-12, as both providers take it). */
export function toJsonSchema(output: StructuredOutput<unknown>): JsonSchema {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(output.schema, { target: 'draft-2020-12', io: 'output' });
  return schema;
}

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether OpenAI's strict mode accepts the schema: every object closed and every property required. */
export function isStrictCompatible(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(isStrictCompatible);
  if (!isObject(schema)) return true;
  if (isObject(schema.properties)) {
    const required = Array.isArray(schema.required) ? schema.required : [];
    if (schema.additionalProperties !== false || Object.keys(schema.properties).some((k) => !required.includes(k))) return false;
  }
  return Object.values(schema).every(isStrictCompatible);
}

/**
 * The model's text parsed as JSON and checked by the schema. Anything else is `invalid_output`
 * carrying the raw text and the issues, so a caller can ask again or repair.
 */
export function parseStructured<T>(text: string, output: StructuredOutput<T>, details: LlmErrorDetails): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LlmError('invalid_output', `The model's answer for ${output.name} is not valid JSON`, { ...details, rawOutput: text, issues: ['not valid JSON'] });
  }
  const result = output.schema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new LlmError('invalid_output', `The model's answer for ${output.name} does not match its schema`, { ...details, rawOutput: text, issues });
  }
  return result.data;
}
