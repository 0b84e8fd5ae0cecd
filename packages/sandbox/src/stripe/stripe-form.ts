/**
 * Stripe's form encoding (`a[b][0][c]=v`, `expand[]=x`, `expand[0]=x`) into a tree of
 * strings, objects and arrays. An empty value means "unset" and stays `''` for the caller.
 */
export type FormValue = string | FormTree | FormValue[];
export interface FormTree { [key: string]: FormValue }

function splitKey(key: string): string[] {
  const first = key.indexOf('[');
  if (first < 0) return [key];
  const parts = [key.slice(0, first)];
  for (const m of key.slice(first).matchAll(/\[([^\]]*)\]/g)) parts.push(m[1] ?? '');
  return parts;
}

function place(node: FormTree, parts: string[], value: string): void {
  const [head, ...rest] = parts;
  if (head === undefined) return;
  if (rest.length === 0) {
    node[head] = value;
    return;
  }
  const [next] = rest;
  if (next === '') {
    const list = Array.isArray(node[head]) ? node[head] : [];
    node[head] = list;
    list.push(value);
    return;
  }
  const child = node[head];
  const tree: FormTree = child && typeof child === 'object' && !Array.isArray(child) ? child : {};
  node[head] = tree;
  place(tree, rest, value);
}

/** Objects whose keys are all indexes become arrays (in index order). */
function arrays(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(arrays);
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) return keys.sort((a, b) => Number(a) - Number(b)).map((k) => arrays(value[k] ?? ''));
  const out: FormTree = {};
  for (const k of keys) out[k] = arrays(value[k] ?? '');
  return out;
}

export function decodeForm(params: URLSearchParams): FormTree {
  const root: FormTree = {};
  for (const [key, value] of params) place(root, splitKey(key), value);
  return arrays(root) as FormTree;
}
