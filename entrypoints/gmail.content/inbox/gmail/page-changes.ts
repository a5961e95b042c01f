import { countCallback } from '@/entrypoints/gmail.content/inbox/activity';
import { RAMPART_HOST } from './selectors';

// One MutationObserver on Gmail's document for everything Rampart watches there (compose
// windows, STOP replies in threads): its records are batched into one callback per
// animation frame for every subscriber, and Rampart's own UI going in or out is ignored.
// Gmail's DOM churns constantly; each extra subtree observer would be work on every change.

type Listener = () => void;

interface Watch {
  listeners: Set<Listener>;
  disconnect(): void;
}

const watches = new WeakMap<Document, Watch>();

/** Call `listener` at most once per animation frame after Gmail's DOM changed, until `signal` aborts. */
export function onPageChange(doc: Document, signal: AbortSignal, listener: Listener): void {
  if (signal.aborted) return;
  let watch = watches.get(doc);
  if (!watch) {
    const listeners = new Set<Listener>();
    let frame = 0;
    const flush = () => {
      frame = 0;
      for (const run of [...listeners]) run();
    };
    const observer = new MutationObserver((records) => {
      countCallback();
      if (frame || records.every(isOwnMutation)) return;
      frame = requestAnimationFrame(flush);
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    watch = {
      listeners,
      disconnect: () => {
        observer.disconnect();
        if (frame) cancelAnimationFrame(frame);
        watches.delete(doc);
      },
    };
    watches.set(doc, watch);
  }
  const current = watch;
  current.listeners.add(listener);
  signal.addEventListener(
    'abort',
    () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0) current.disconnect();
    },
    { once: true },
  );
}

/** Rampart's own hosts going in or out do not change what Gmail shows. */
function isOwnMutation(record: MutationRecord): boolean {
  if (record.target instanceof Element && record.target.closest(RAMPART_HOST)) return true;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((node) => node instanceof Element && node.matches(RAMPART_HOST));
}
