import type { SequentialRng } from '../simulator/prng.ts';
import type { CopyBrief } from './copy-brief.ts';
import { KIND_LIMITS, kindOf, writeTexts, type CopyKind } from './copy-writer.ts';

type Schema = Record<string, unknown>;

const DEFAULT_COUNTS: Record<CopyKind, number> = { headline: 10, description: 4, primary_text: 3, path: 2, call_to_action: 1, text: 3 };

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(schema: Schema, key: string): number | undefined {
  const value = schema[key];
  return typeof value === 'number' ? value : undefined;
}

function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = isSchema(node) ? node[part] : undefined;
  return isSchema(node) ? resolve(node, root) : {};
}

function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === 'string' && t !== 'null');
  if (isSchema(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/**
 * A value that satisfies a JSON Schema (the subset structured output uses: objects, arrays,
 * strings with maxLength, enums, numbers, $ref, anyOf), with ad copy for the strings chosen by
 * each property's name (`headlines` → headlines of at most 30 characters, and so on).
 */
export function fillSchema(schema: Schema, brief: CopyBrief, rng: SequentialRng, root: Schema = schema, name = ''): unknown {
  const node = resolve(schema, root);
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length) return rng.pick(node.enum);
  const branches = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : null;
  if (branches) {
    const branch = branches.filter(isSchema).find((b) => typeOf(resolve(b, root)) !== 'null') ?? branches.find(isSchema);
    return isSchema(branch) ? fillSchema(branch, brief, rng, root, name) : null;
  }
  switch (typeOf(node)) {
    case 'object': {
      const properties = isSchema(node.properties) ? node.properties : {};
      return Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, isSchema(child) ? fillSchema(child, brief, rng, root, key) : null]));
    }
    case 'array': {
      const items = isSchema(node.items) ? resolve(node.items, root) : { type: 'string' };
      const kind = kindOf(name);
      const count = Math.min(num(node, 'maxItems') ?? Infinity, Math.max(num(node, 'minItems') ?? 0, DEFAULT_COUNTS[kind]));
      if (typeOf(items) === 'string' && !Array.isArray(items.enum)) return writeTexts(brief, kind, count, num(items, 'maxLength') ?? KIND_LIMITS[kind], rng);
      return Array.from({ length: count }, () => fillSchema(items, brief, rng, root, name));
    }
    case 'string': {
      if (node.format === 'uri' || /url$/i.test(name)) return 'https://example.com/';
      const kind = kindOf(name);
      return writeTexts(brief, kind, 1, num(node, 'maxLength') ?? KIND_LIMITS[kind], rng)[0] ?? '';
    }
    case 'integer':
    case 'number':
      return rng.int(Math.ceil(num(node, 'minimum') ?? 0), Math.floor(num(node, 'maximum') ?? 10));
    case 'boolean':
      return true;
    default:
      return null;
  }
}
