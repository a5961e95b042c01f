import { SEND_BUTTON, queryFirst } from './selectors';

/** Gmail's own Send button of this compose; null when not found. */
export function findSendButton(compose: ParentNode): HTMLElement | null {
  return queryFirst(compose, SEND_BUTTON);
}
