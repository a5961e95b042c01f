import { countCallback } from '../activity';
import type { Compose } from '../adapter';

// Anything that may change the draft: chips added or removed (childList), typing in the
// body (characterData), Gmail rewriting a hidden input's value attribute, and typing in
// the subject or a recipient field (input/change). One call to `onChange` per frame.

const WATCHED_ATTRIBUTES = ['value', 'data-hovercard-id', 'data-name'];

export function watchDraft(compose: Compose, onChange: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  let frame = 0;
  const flush = () => {
    frame = 0;
    countCallback();
    onChange();
  };
  const schedule = () => {
    countCallback();
    if (!frame) frame = requestAnimationFrame(flush);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(compose.element, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  });
  compose.element.addEventListener('input', schedule, { capture: true, signal });
  compose.element.addEventListener('change', schedule, { capture: true, signal });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    },
    { once: true },
  );
}
