import { countCallback } from '@/entrypoints/gmail.content/inbox/activity';
import type { Compose } from '@/entrypoints/gmail.content/inbox/adapter';

// Anything that may change the draft: chips added or removed (childList), typing in the
// body (characterData), Gmail rewriting a hidden input's value attribute, and typing in
// the subject or a recipient field (input/change). One call to `onChange` per batch of
// changes (a microtask), not per animation frame: the verdict is timed from a chip
// appearing, and waiting for the next frame alone cost up to 16 ms of it. Reading the
// draft for a check forces no layout (read-body.ts), so a call per batch stays cheap.

const WATCHED_ATTRIBUTES = ['value', 'data-hovercard-id', 'data-name'];

export function watchDraft(compose: Compose, onChange: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  let queued = false;
  const flush = () => {
    queued = false;
    if (signal.aborted) return;
    countCallback();
    onChange();
  };
  const schedule = () => {
    countCallback();
    if (queued) return;
    queued = true;
    queueMicrotask(flush);
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
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
