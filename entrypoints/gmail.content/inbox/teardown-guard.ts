import type { ContentScriptContext } from 'wxt/utils/content-script-context';

// WXT's ContentScriptContext (0.20.x) stops the script when a window message of type
// `<extension id>:<script name>:wxt:content-script-started` arrives, checking neither its
// source nor its origin: Gmail's page, or any frame in it, could post one and take every
// panel and the hold on Gmail's Send away. No message a page can also post can prove it
// came from a newer copy of this script (later WXT releases move the signal to a DOM event
// on `document`, which the page can dispatch just as well), so Rampart does not believe
// that signal at all: the context is invalidated only when the extension itself is gone
// (updated, reloaded or removed: `runtime.id` is then undefined), checked on an interval.
//
// WXT registers its listener in the context's constructor, before main runs, and for a
// message at `window` Chromium calls listeners in the order they were added whatever their
// capture flag, so a listener of ours cannot get in first: the context's own check and
// invalidation are overridden instead (WXT is pinned, and a test covers this).

/** How often an orphaned script notices the extension is gone and tears itself down. */
const ORPHAN_CHECK_MS = 5_000;

interface StartedSignalInternals {
  verifyScriptStartedEvent?: (event: unknown) => boolean;
  notifyInvalidated?: () => void;
}

/** Turn off WXT's "a newer script started" teardown; keep the one for an orphaned script. */
export function refusePageTeardown(ctx: ContentScriptContext, extensionAlive: () => boolean = () => browser.runtime?.id != null): void {
  const internals = ctx as unknown as StartedSignalInternals;
  if (typeof internals.verifyScriptStartedEvent === 'function') internals.verifyScriptStartedEvent = () => false;
  const invalidate = internals.notifyInvalidated?.bind(ctx);
  if (invalidate) {
    internals.notifyInvalidated = () => {
      if (!extensionAlive()) invalidate();
    };
  }
  // ctx.isValid asks `runtime.id`: an orphan's interval tick invalidates it (and stops).
  ctx.setInterval(() => undefined, ORPHAN_CHECK_MS);
}
