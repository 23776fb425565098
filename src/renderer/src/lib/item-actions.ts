/**
 * One tab stop per list item with its actions inside: the item's first button is in the tab order,
 * its other buttons (Like, Skip, Remove…) have tabIndex -1, and ← / → move the focus among them. Tab then
 * walks item by item instead of through every icon of every item.
 */
import type { KeyboardEvent } from 'react';

/** onKeyDown for an item: ← / → (and Home / End) move the focus among its buttons. */
export function onItemActionKeys(e: KeyboardEvent<HTMLElement>): void {
  if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLElement>('button')];
  const at = buttons.indexOf(document.activeElement as HTMLElement);
  if (at < 0 || buttons.length < 2) return;
  const to =
    e.key === 'Home'
      ? 0
      : e.key === 'End'
        ? buttons.length - 1
        : (at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
  buttons[to]?.focus();
  e.preventDefault();
}
