import { useEffect, useRef } from 'react';

export interface InboxKeyHandlers {
  move: (delta: number) => void;
  toggle: (range: boolean) => void;
  approve: () => void;
  reject: () => void;
}

/** Typing in a field, a menu or a dialog keeps its keys: the shortcuts are for the list. */
function isTypingOrElsewhere(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
    // The tick boxes are inputs too, but the list's own: j/k/x/a/r work from them.
    return !(target instanceof HTMLInputElement && target.type === 'checkbox');
  }
  return target.closest('[role="dialog"], [role="menu"]') !== null;
}

/**
 * The inbox's keyboard: j/k (or ↓/↑ inside the list) move, x ticks (shift+x a range), a approves
 * and r rejects the ticked proposals or the one under the cursor. Listens on the document while
 * the page is open; `listRef` is the list, where the arrows are taken over from scrolling.
 */
export function useInboxKeys(handlers: InboxKeyHandlers, listRef: React.RefObject<HTMLElement | null>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingOrElsewhere(event.target)) return;
      const inList = listRef.current?.contains(document.activeElement) ?? false;
      const h = latest.current;
      const key = event.key.toLowerCase();
      if (key === 'j' || (inList && event.key === 'ArrowDown')) h.move(1);
      else if (key === 'k' || (inList && event.key === 'ArrowUp')) h.move(-1);
      else if (key === 'x') h.toggle(event.shiftKey);
      else if (key === 'a' && !event.shiftKey) h.approve();
      else if (key === 'r' && !event.shiftKey) h.reject();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [listRef]);
}
