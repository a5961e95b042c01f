import type { ContentScriptContext } from 'wxt/utils/content-script-context';

// WXT's ContentScriptContext (0.20.x) stops the script when a window message of type
// `<extension id>:<script name>:wxt:content-script-started` arrives, checking neither its
// source nor its origin: Gmail's page, or any frame in it, could post one and take every
// panel and the hold on Gmail's Send away. No message a page can also post can prove it
// came from a newer copy of this script (later WXT releases move the signal to a DOM event
// on `document`, which the page can dispatch just as well), so Rampart swallows that
// signal in both forms before WXT's listeners see it, and finds out that it is orphaned
// (the extension updated or removed) from the extension's own API instead.

/** How often an orphaned script notices the extension is gone and tears itself down. */
const ORPHAN_CHECK_MS = 5_000;

/** The type WXT's ContentScriptContext listens for, as it builds it. */
export function scriptStartedType(extensionId: string, scriptName: string): string {
  return `${extensionId}:${scriptName}:wxt:content-script-started`;
}

/**
 * Ignore every "content script started" signal for this script. Capturing listeners run
 * before the ones WXT adds without capture on the same target (DOM, "dispatching events"),
 * so WXT's handler never sees the message.
 */
export function refusePageTeardown(ctx: ContentScriptContext, type: string, target: Window = window): void {
  const swallow = (event: Event) => {
    const data = (event as MessageEvent).data as { type?: unknown } | undefined;
    if (event.type === 'message' && (typeof data !== 'object' || data === null || data.type !== type)) return;
    event.stopImmediatePropagation();
  };
  target.addEventListener('message', swallow, { capture: true });
  target.document.addEventListener(type, swallow, { capture: true });
  // ctx.isValid asks the extension API: an orphan's interval tick invalidates it (and stops).
  ctx.setInterval(() => undefined, ORPHAN_CHECK_MS);
}
