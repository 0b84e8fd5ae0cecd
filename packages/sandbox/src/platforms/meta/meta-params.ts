/**
 * A Graph list parameter (`fields`, `breakdowns`, `action_breakdowns`, …). Graph takes it comma
 * separated (`a,b`) or as a JSON array (`["a","b"]`, what the official SDKs send for arrays).
 */
export function listOf(raw: string | undefined): string[] {
  const text = (raw ?? '').trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map((item) => String(item).trim()).filter(Boolean);
    } catch {
      // Not JSON after all: read it as the comma form.
    }
  }
  return text.split(',').map((item) => item.trim()).filter(Boolean);
}
