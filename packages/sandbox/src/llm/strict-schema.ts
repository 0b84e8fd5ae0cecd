type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What OpenAI's strict structured output refuses in a schema, or null: every object needs
 * `additionalProperties: false` and every property listed in `required`.
 */
export function strictSchemaProblem(schema: Schema, context = '()'): string | null {
  if (isSchema(schema.properties)) {
    if (schema.additionalProperties !== false) return `In context=${context}, 'additionalProperties' is required to be supplied and to be false.`;
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const key of Object.keys(schema.properties)) {
      if (!required.includes(key)) return `In context=${context}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${key}'.`;
    }
    for (const [key, child] of Object.entries(schema.properties)) {
      const problem = isSchema(child) ? strictSchemaProblem(child, `('properties', '${key}')`) : null;
      if (problem) return problem;
    }
  }
  if (isSchema(schema.items)) return strictSchemaProblem(schema.items, `${context}, 'items'`);
  for (const key of ['$defs', 'definitions'] as const) {
    const defs = schema[key];
    if (!isSchema(defs)) continue;
    for (const [name, child] of Object.entries(defs)) {
      const problem = isSchema(child) ? strictSchemaProblem(child, `('${key}', '${name}')`) : null;
      if (problem) return problem;
    }
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      const problem = isSchema(branch) ? strictSchemaProblem(branch, `${context}, '${key}'`) : null;
      if (problem) return problem;
    }
  }
  return null;
}
