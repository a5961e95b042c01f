import { countCallback } from '@/entrypoints/gmail.content/inbox/activity';
import type { Compose, PresendEvent, PresendTrigger } from '@/entrypoints/gmail.content/inbox/adapter';
import { findSendButton } from './send-button';
import { RAMPART_HOST } from './selectors';

// Gmail sends a draft on a click on Send, on Ctrl/Cmd+Enter anywhere in the compose,
// and on Enter/Space on the focused Send button. Rampart listens in the capture phase
// on the window, so it runs before any listener Gmail has on the document or below,
// and a cancelled event never reaches them. Gmail's buttons act on mousedown/mouseup
// as well as click, so those are held with the click.

const POINTER_EVENTS = ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'click'] as const;

export function onPresend(compose: Compose, handler: (event: PresendEvent) => void, signal: AbortSignal): void {
  const options: AddEventListenerOptions = { capture: true, signal };

  const decide = (event: Event, trigger: PresendTrigger) => {
    let cancelled = false;
    handler({
      trigger,
      cancel: () => {
        cancelled = true;
      },
    });
    if (cancelled) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };

  const onSendButton = (event: Event): boolean => {
    const send = findSendButton(compose.element);
    return send !== null && event.composedPath().includes(send);
  };
  const fromRampart = (event: Event) => event.composedPath().some((node) => node instanceof Element && node.matches(RAMPART_HOST));

  for (const type of POINTER_EVENTS) {
    window.addEventListener(
      type,
      (event) => {
        countCallback();
        if (!compose.element.isConnected || !onSendButton(event)) return;
        decide(event, 'click');
      },
      options,
    );
  }

  for (const type of ['keydown', 'keypress', 'keyup'] as const) {
    window.addEventListener(
      type,
      (event) => {
        countCallback();
        const key = event as KeyboardEvent;
        if (!compose.element.isConnected || fromRampart(key)) return;
        if (!key.composedPath().includes(compose.element)) return;
        if (key.key === 'Enter' && (key.ctrlKey || key.metaKey)) decide(key, 'shortcut');
        else if ((key.key === 'Enter' || key.key === ' ') && onSendButton(key)) decide(key, 'button-key');
      },
      options,
    );
  }
}
