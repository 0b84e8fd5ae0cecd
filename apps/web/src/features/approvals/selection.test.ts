import { describe, expect, it } from 'vitest';
import { actionTargets, EMPTY_SELECTION, moveFocus, syncSelection, toggleAll, toggleRow, type SelectionRow } from './selection.ts';

const rows: SelectionRow[] = [
  { id: 'a', selectable: true },
  { id: 'b', selectable: true },
  { id: 'stale', selectable: false },
  { id: 'd', selectable: true },
  { id: 'e', selectable: true },
];
const ids = (s: { selected: ReadonlySet<string> }) => [...s.selected].sort();

describe('inbox selection', () => {
  it('moves the cursor with j/k, starting at an end and stopping at the ends', () => {
    let s = moveFocus(EMPTY_SELECTION, rows, 1);
    expect(s.focus).toBe('a');
    s = moveFocus(s, rows, -1);
    expect(s.focus).toBe('a');
    s = moveFocus(moveFocus(moveFocus(s, rows, 1), rows, 1), rows, 1);
    expect(s.focus).toBe('d');
    s = moveFocus(moveFocus(s, rows, 1), rows, 1);
    expect(s.focus).toBe('e');
    expect(moveFocus(EMPTY_SELECTION, rows, -1).focus).toBe('e');
    expect(moveFocus(EMPTY_SELECTION, [], 1)).toBe(EMPTY_SELECTION);
  });

  it('visits a stale row with the cursor but never ticks it', () => {
    const s = toggleRow(EMPTY_SELECTION, rows, 'stale');
    expect(s.focus).toBe('stale');
    expect(ids(s)).toEqual([]);
    expect(actionTargets(s, rows)).toEqual([]);
  });

  it('ticks a range with shift, skipping rows that cannot be approved, and unticks it the same way', () => {
    let s = toggleRow(EMPTY_SELECTION, rows, 'a');
    s = toggleRow(s, rows, 'e', true);
    expect(ids(s)).toEqual(['a', 'b', 'd', 'e']);
    expect(s.anchor).toBe('a');
    s = toggleRow(s, rows, 'b', true);
    expect(ids(s)).toEqual(['d', 'e']);
  });

  it('ranges upwards from the anchor as well', () => {
    let s = toggleRow(EMPTY_SELECTION, rows, 'd');
    s = toggleRow(s, rows, 'a', true);
    expect(ids(s)).toEqual(['a', 'b', 'd']);
  });

  it('without an anchor a shift-click ticks only its row', () => {
    expect(ids(toggleRow(EMPTY_SELECTION, rows, 'b', true))).toEqual(['b']);
  });

  it('ticks every selectable row, then none', () => {
    const all = toggleAll(EMPTY_SELECTION, rows);
    expect(ids(all)).toEqual(['a', 'b', 'd', 'e']);
    expect(ids(toggleAll(all, rows))).toEqual([]);
  });

  it('acts on the ticked rows in list order, else on the row under the cursor', () => {
    let s = toggleRow(toggleRow(EMPTY_SELECTION, rows, 'e'), rows, 'a');
    expect(actionTargets(s, rows)).toEqual(['a', 'e']);
    s = moveFocus({ ...EMPTY_SELECTION }, rows, 1);
    expect(actionTargets(s, rows)).toEqual(['a']);
  });

  it('forgets rows that were decided or filtered away, keeping the same object when nothing changed', () => {
    const s = toggleRow(toggleRow(EMPTY_SELECTION, rows, 'a'), rows, 'b');
    const same = syncSelection(s, rows);
    expect(same).toBe(s);
    const after = syncSelection(s, [{ id: 'a', selectable: false }, { id: 'd', selectable: true }]);
    expect(ids(after)).toEqual([]);
    expect(after.focus).toBeNull();
    expect(after.anchor).toBeNull();
  });
});
