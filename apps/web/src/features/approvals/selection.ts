/**
 * The inbox's selection model, kept pure so the keyboard and pointer rules are tested without a
 * browser. Rows are listed in their on-screen order; only `selectable` rows (waiting, not stale)
 * can be ticked, but the cursor (`focus`) visits every row so each can be read and explained.
 */
export interface SelectionRow {
  id: string;
  selectable: boolean;
}

export interface Selection {
  selected: ReadonlySet<string>;
  /** The row the keyboard acts on (j/k, x, a, r). */
  focus: string | null;
  /** Where a shift-click range starts: the last row ticked or unticked alone. */
  anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { selected: new Set(), focus: null, anchor: null };

/** Drops what left the list (decided, filtered out, no longer selectable) and keeps the cursor on a row that exists. */
export function syncSelection(selection: Selection, rows: readonly SelectionRow[]): Selection {
  const selectable = new Set(rows.filter((r) => r.selectable).map((r) => r.id));
  const present = new Set(rows.map((r) => r.id));
  const selected = new Set([...selection.selected].filter((id) => selectable.has(id)));
  const focus = selection.focus !== null && present.has(selection.focus) ? selection.focus : null;
  const anchor = selection.anchor !== null && present.has(selection.anchor) ? selection.anchor : null;
  const unchanged = selected.size === selection.selected.size && focus === selection.focus && anchor === selection.anchor;
  return unchanged ? selection : { selected, focus, anchor };
}

/** Moves the cursor by `delta` rows (j/k, arrows), stopping at the ends; from nowhere it lands on the first or last row. */
export function moveFocus(selection: Selection, rows: readonly SelectionRow[], delta: number): Selection {
  if (rows.length === 0) return selection;
  const at = selection.focus === null ? -1 : rows.findIndex((r) => r.id === selection.focus);
  const next = at === -1 ? (delta >= 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + delta));
  return { ...selection, focus: rows[next]!.id };
}

/**
 * Ticks or unticks one row. With `range` (shift-click, shift+x) every selectable row between the
 * anchor and this one takes this row's new state, as in a mail client.
 */
export function toggleRow(selection: Selection, rows: readonly SelectionRow[], id: string, range = false): Selection {
  const row = rows.find((r) => r.id === id);
  if (!row) return selection;
  const selected = new Set(selection.selected);
  const willSelect = !selected.has(id);
  const from = range && selection.anchor !== null ? rows.findIndex((r) => r.id === selection.anchor) : -1;
  const to = rows.indexOf(row);
  const span = from === -1 ? [row] : rows.slice(Math.min(from, to), Math.max(from, to) + 1);
  for (const r of span) {
    if (!r.selectable) continue;
    if (willSelect) selected.add(r.id);
    else selected.delete(r.id);
  }
  return { selected, focus: id, anchor: from === -1 ? id : selection.anchor };
}

/** Ticks every selectable row, or unticks all when they already are. */
export function toggleAll(selection: Selection, rows: readonly SelectionRow[]): Selection {
  const selectable = rows.filter((r) => r.selectable).map((r) => r.id);
  const allOn = selectable.length > 0 && selectable.every((id) => selection.selected.has(id));
  return { ...selection, selected: new Set(allOn ? [] : selectable) };
}

/** What a bulk action or the keyboard acts on: the ticked rows, else the row under the cursor when it can be acted on. */
export function actionTargets(selection: Selection, rows: readonly SelectionRow[]): string[] {
  const ticked = rows.filter((r) => selection.selected.has(r.id)).map((r) => r.id);
  if (ticked.length > 0) return ticked;
  const focused = rows.find((r) => r.id === selection.focus);
  return focused?.selectable ? [focused.id] : [];
}
