import { browser } from 'wxt/browser';
import type { CapTodayView } from '@/lib/dashboard/view';
import type { Envelope, Reply } from '@/lib/protocol/messages';
import { paintCapToday } from './first-paint';

// The popup's first request and first paint, made by a classic script in popup.html's
// head (entrypoints/popup-first-paint.ts): it runs as soon as it is fetched, while the
// page's modules run only once the page is parsed and all of them are fetched, compiled
// and linked. The popup is opened for today's cap, so the question goes out tens of
// milliseconds sooner, and the answer is painted (first-paint.ts) as soon as it arrives
// instead of waiting for the modules. The page's module (entrypoints/popup/main.tsx)
// reads the same request: it mounts React, which takes the page over from this paint.

/** What the classic script and the popup's module share, on `globalThis`. */
export interface PopupFirstRequest {
  /** The `capToday` reply as the router sends it (lib/protocol/ask.ts unwraps it). */
  reply: Promise<Reply<'capToday'> | undefined>;
  /** The cap is on the page: whoever painted it, nobody paints it again. */
  painted: boolean;
  /** React owns the page: nothing else paints into it from then on. */
  mounted: boolean;
}

declare global {
  // eslint-disable-next-line no-var
  var rampartPopupFirstRequest: PopupFirstRequest | undefined;
}

/** Ask for today's cap, once per page: the classic script asks first, the module reads its request. */
export function popupFirstRequest(): PopupFirstRequest {
  globalThis.rampartPopupFirstRequest ??= {
    reply: browser.runtime.sendMessage({ type: 'capToday', payload: {} } satisfies Envelope<'capToday'>) as Promise<
      Reply<'capToday'> | undefined
    >,
    painted: false,
    mounted: false,
  };
  return globalThis.rampartPopupFirstRequest;
}

/** Paint the cap into the popup's root, unless it is painted already or React owns the page. */
export function paintFirst(request: PopupFirstRequest, view: CapTodayView): void {
  if (request.painted || request.mounted) return;
  const root = document.getElementById('root');
  if (!root) return;
  paintCapToday(root, view);
  request.painted = true;
}

/**
 * The classic script's part: ask, and paint the answer when it comes — once the page's
 * root is parsed, which it is unless the answer beats the parser (then at the end of
 * parsing, still before the page's modules run). A refused request paints nothing: the
 * popup shows the error once React has loaded.
 */
export function askAndPaintFirst(): void {
  const request = popupFirstRequest();
  request.reply.then(
    (reply) => {
      if (!reply?.ok) return;
      const paint = () => paintFirst(request, reply.value);
      // The first change of state is to `interactive`: parsed, the modules not yet run.
      if (document.readyState === 'loading') document.addEventListener('readystatechange', paint, { once: true });
      else paint();
    },
    () => {},
  );
}
