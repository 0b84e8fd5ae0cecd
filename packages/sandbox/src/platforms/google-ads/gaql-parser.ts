import { tokenize, type GaqlToken } from './gaql-lexer.ts';
import { queryError, type GaqlCondition, type GaqlLiteral, type GaqlOperator, type GaqlQuery } from './gaql.types.ts';

const END = 'UNEXPECTED_END_OF_QUERY';

class Cursor {
  private i = 0;
  constructor(private readonly tokens: GaqlToken[]) {}
  peek(): GaqlToken | undefined {
    return this.tokens[this.i];
  }
  next(): GaqlToken {
    const t = this.tokens[this.i++];
    if (!t) throw queryError(END, 'Error in query: unexpected end of query.');
    return t;
  }
  isKeyword(...words: string[]): boolean {
    const t = this.peek();
    return t?.kind === 'word' && words.includes(t.upper);
  }
  isSymbol(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'symbol' && t.text === text;
  }
  keyword(word: string, code: string): void {
    const t = this.next();
    if (t.kind !== 'word' || t.upper !== word) throw queryError(code, `Error in query: expected ${word}, found ${t.text}.`, t.text);
  }
  symbol(text: string): void {
    const t = this.next();
    if (t.kind !== 'symbol' || t.text !== text) throw queryError('BAD_SYMBOL', `Error in query: expected '${text}', found ${t.text}.`, t.text);
  }
  field(): string {
    const t = this.next();
    if (t.kind !== 'word') throw queryError('BAD_FIELD_NAME', `Error in query: expected a field name, found ${t.text}.`, t.text);
    return t.text;
  }
  get done(): boolean {
    return this.i >= this.tokens.length;
  }
}

function literal(c: Cursor): GaqlLiteral {
  const t = c.next();
  if (t.kind === 'string') return t.text;
  if (t.kind === 'number') return t.value;
  if (t.kind === 'word') return t.text;
  throw queryError('BAD_VALUE', `Error in query: expected a value, found ${t.text}.`, t.text);
}

function list(c: Cursor): GaqlLiteral[] {
  if (!c.isSymbol('(')) throw queryError('EXPECTED_LIST', 'Error in query: expected a list of values in parentheses.', c.peek()?.text);
  c.symbol('(');
  const values = [literal(c)];
  while (c.isSymbol(',')) {
    c.next();
    values.push(literal(c));
  }
  c.symbol(')');
  return values;
}

function operator(c: Cursor): GaqlOperator {
  const t = c.next();
  if (t.kind === 'symbol' && ['=', '!=', '>', '>=', '<', '<='].includes(t.text)) return t.text as GaqlOperator;
  if (t.kind !== 'word') throw queryError('BAD_OPERATOR', `Error in query: invalid operator ${t.text}.`, t.text);
  if (['IN', 'LIKE', 'BETWEEN', 'DURING'].includes(t.upper)) return t.upper as GaqlOperator;
  if (t.upper === 'NOT') {
    const second = c.next();
    if (second.kind === 'word' && (second.upper === 'IN' || second.upper === 'LIKE')) return `NOT ${second.upper}` as GaqlOperator;
  }
  if (t.upper === 'IS') {
    if (c.isKeyword('NOT')) {
      c.next();
      c.keyword('NULL', 'BAD_OPERATOR');
      return 'IS NOT NULL';
    }
    c.keyword('NULL', 'BAD_OPERATOR');
    return 'IS NULL';
  }
  if (t.upper === 'CONTAINS') {
    const second = c.next();
    if (second.kind === 'word' && ['ANY', 'ALL', 'NONE'].includes(second.upper)) return `CONTAINS ${second.upper}` as GaqlOperator;
  }
  throw queryError('BAD_OPERATOR', `Error in query: invalid operator ${t.text}.`, t.text);
}

function condition(c: Cursor): GaqlCondition {
  const field = c.field();
  const op = operator(c);
  if (op === 'IS NULL' || op === 'IS NOT NULL') return { field, operator: op, values: [] };
  if (op === 'IN' || op === 'NOT IN' || op.startsWith('CONTAINS')) return { field, operator: op, values: list(c) };
  if (op === 'BETWEEN') {
    const from = literal(c);
    if (!c.isKeyword('AND')) throw queryError('EXPECTED_VALUE_WITH_BETWEEN_OPERATOR', 'Error in query: BETWEEN needs two values joined by AND.');
    c.next();
    return { field, operator: op, values: [from, literal(c)] };
  }
  if (op === 'DURING') {
    const t = c.next();
    if (t.kind !== 'word') throw queryError('INVALID_VALUE_WITH_DURING_OPERATOR', `Error in query: invalid value ${t.text} with DURING.`, t.text);
    return { field, operator: op, values: [t.upper] };
  }
  return { field, operator: op, values: [literal(c)] };
}

/** Parses GAQL text; throws GaqlError (QueryError codes) on malformed input. */
export function parseGaql(text: string): GaqlQuery {
  const c = new Cursor(tokenize(text));
  if (c.done) throw queryError('EXPECTED_SELECT', 'Error in query: the query is empty.');
  c.keyword('SELECT', 'EXPECTED_SELECT');
  const select = [c.field()];
  while (c.isSymbol(',')) {
    c.next();
    select.push(c.field());
  }
  c.keyword('FROM', 'EXPECTED_FROM');
  const from = c.field();
  const where: GaqlCondition[] = [];
  if (c.isKeyword('WHERE')) {
    c.next();
    where.push(condition(c));
    while (c.isKeyword('AND')) {
      c.next();
      where.push(condition(c));
    }
  }
  const orderBy: GaqlQuery['orderBy'] = [];
  if (c.isKeyword('ORDER')) {
    c.next();
    c.keyword('BY', 'EXPECTED_BY');
    do {
      if (c.isSymbol(',')) c.next();
      const field = c.field();
      let descending = false;
      if (c.isKeyword('ASC', 'DESC')) descending = c.next().text.toUpperCase() === 'DESC';
      orderBy.push({ field, descending });
    } while (c.isSymbol(','));
  }
  let limit: number | null = null;
  if (c.isKeyword('LIMIT')) {
    c.next();
    const t = c.next();
    if (t.kind !== 'number' || !Number.isInteger(t.value) || t.value <= 0) throw queryError('BAD_LIMIT_VALUE', `Error in query: invalid LIMIT ${t.text}.`, t.text);
    limit = t.value;
  }
  if (c.isKeyword('PARAMETERS')) {
    while (!c.done) c.next();
  }
  if (!c.done) {
    const t = c.next();
    throw queryError('UNEXPECTED_INPUT', `Error in query: unexpected input ${t.text}.`, t.text);
  }
  return { select, from, where, orderBy, limit };
}
