/** Search-param validators for routes: every param optional, strings only. */
export function pickStrings<K extends string>(...names: K[]) {
  return (search: Record<string, unknown>): Partial<Record<K, string>> => {
    const picked: Partial<Record<K, string>> = {};
    for (const name of names) {
      const value = search[name];
      if (typeof value === 'string' && value !== '') picked[name] = value;
      else if (typeof value === 'number') picked[name] = String(value);
    }
    return picked;
  };
}
