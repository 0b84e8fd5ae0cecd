/** A parsed GAQL query (the subset in the platform reference). */
export interface GaqlQuery {
  select: string[];
  from: string;
  where: GaqlCondition[];
  orderBy: Array<{ field: string; descending: boolean }>;
  limit: number | null;
}

export type GaqlLiteral = string | number;

export type GaqlOperator =
  | '=' | '!=' | '>' | '>=' | '<' | '<=' | 'IN' | 'NOT IN' | 'LIKE' | 'NOT LIKE' | 'CONTAINS ANY' | 'CONTAINS ALL' | 'CONTAINS NONE'
  | 'IS NULL' | 'IS NOT NULL' | 'BETWEEN' | 'DURING';

export interface GaqlCondition {
  field: string;
  operator: GaqlOperator;
  values: GaqlLiteral[];
}

/** A QueryError (or other Ads error) found while parsing or validating a query. */
export class GaqlError extends Error {
  constructor(
    readonly category: string,
    readonly code: string,
    message: string,
    readonly trigger?: string,
  ) {
    super(message);
  }
}

export function queryError(code: string, message: string, trigger?: string): GaqlError {
  return new GaqlError('queryError', code, message, trigger);
}
