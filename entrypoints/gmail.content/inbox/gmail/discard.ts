import type { Compose } from '@/entrypoints/gmail.content/inbox/adapter';
import { reportMissing } from './report-missing';
import { findSendButton } from './send-button';
import { RAMPART_HOST } from './selectors';

/**
 * The compose's trash control, found by structure: Gmail puts it alone in the last cell
 * of the toolbar row that holds Send, an icon-only button (no text, no menu). Anything
 * else there (a menu, a formatting button) is not clicked: null, and the caller marks
 * the draft rather than clicking a guess.
 */
export function findDiscardControl(compose: Compose): HTMLElement | null {
  const send = findSendButton(compose.element);
  const row = send?.closest('tr');
  if (!send || !row || !compose.element.contains(row)) return null;
  const lastCell = row.cells[row.cells.length - 1];
  if (!lastCell || lastCell.contains(send)) return null;
  const buttons = [...lastCell.querySelectorAll<HTMLElement>('[role=button]')].filter((b) => !b.closest(RAMPART_HOST));
  const [only] = buttons;
  if (buttons.length !== 1 || !only) return null;
  if (only.hasAttribute('aria-haspopup') || (only.textContent ?? '').trim()) return null;
  return only;
}

/** Discard the draft with Gmail's own trash control; false when it cannot be found. */
export function discard(compose: Compose): boolean {
  const control = findDiscardControl(compose);
  if (!control) {
    reportMissing(compose.element, 'discard control');
    return false;
  }
  // Gmail's buttons act on the mouse sequence, not on click alone.
  for (const type of ['mousedown', 'mouseup', 'click'] as const) {
    control.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, composed: true, view: window }));
  }
  return true;
}
