import type { Compose } from '../adapter';
import { reportMissing } from './report-missing';
import { findSendButton } from './send-button';
import { RAMPART_HOST } from './selectors';

/**
 * The compose's trash control, found by structure: the last icon-only button (no text,
 * no menu) in the toolbar row that holds Send, outside Send's own cell. Where the row is
 * not there, null: the caller marks the draft rather than clicking a guess.
 */
export function findDiscardControl(compose: Compose): HTMLElement | null {
  const send = findSendButton(compose.element);
  const row = send?.closest('tr');
  if (!send || !row || !compose.element.contains(row)) return null;
  const sendCell = send.closest('td');
  const buttons = [...row.querySelectorAll<HTMLElement>('[role=button]')].filter(
    (button) =>
      !button.closest(RAMPART_HOST) &&
      !button.hasAttribute('aria-haspopup') &&
      button.closest('td') !== sendCell &&
      !(button.textContent ?? '').trim(),
  );
  return buttons.at(-1) ?? null;
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
