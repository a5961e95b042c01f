import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser, type PublicPath } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

// A React tree in Gmail, in its own open shadow root on a custom element: Gmail's styles
// stay out, the content script's stay in, and the keys typed in it do not reach Gmail.
//
// Hand-written in place of WXT's createShadowRootUi, which would cost the content script
// about 3 KB gzipped (a tenth of what is not React) for what we do not use: auto-mount and
// its DOM watcher, anchors by selector or XPath, overlay and modal positions, a tag-name
// check, a generator shim. What we use is kept as WXT does it: the same <html>/<head>/
// <body> inside the shadow root (the panel's look is unchanged), `:host` reset, events
// stopped at the body, removal when the content script is invalidated.

export interface ShadowRootUi {
  /** The element carrying the shadow root, appended to the anchor. */
  readonly host: HTMLElement;
  /** Unmount the React tree and take the host out of the page; removing twice is harmless. */
  remove(): void;
}

export interface ShadowRootUiOptions {
  /** The host's tag: a custom element name, which Gmail's stylesheets never target. */
  name: string;
  /** Where the host is appended (a wrapper Rampart placed, never Gmail's own <body>). */
  anchor: HTMLElement;
  /** The content script's stylesheet, from contentScriptCss(). */
  css: string;
  /** Events stopped at the shadow root's body, so they never reach Gmail's listeners. */
  isolateEvents: readonly string[];
  children: ReactNode;
}

let stylesheet: Promise<string> | undefined;

/**
 * The content script's own CSS (cssInjectionMode 'ui': WXT emits it as a web-accessible
 * file and leaves it out of Gmail's document), fetched once per page for every shadow
 * root. `:root` rules apply to the host. A failed fetch is tried again on the next mount.
 */
export function contentScriptCss(): Promise<string> {
  // WXT's PublicPath does not list the CSS it emits for a content script.
  stylesheet ??= fetch(browser.runtime.getURL(`/content-scripts/${import.meta.env.ENTRYPOINT}.css` as PublicPath))
    .then((response) => response.text())
    .then((css) => css.replaceAll(':root', ':host'))
    .catch(() => {
      stylesheet = undefined;
      return '';
    });
  return stylesheet;
}

export function mountShadowRootUi(ctx: ContentScriptContext, options: ShadowRootUiOptions): ShadowRootUi {
  const host = document.createElement(options.name);
  const shadow = host.attachShadow({ mode: 'open' });
  const html = document.createElement('html');
  const head = document.createElement('head');
  const body = document.createElement('body');
  const style = document.createElement('style');
  // Gmail's inherited styles (fonts, colours, white-space) stop at the host.
  style.textContent = `:host{all:initial !important;}\n${options.css}`;
  head.append(style);
  html.append(head, body);
  shadow.append(html);
  for (const type of options.isolateEvents) body.addEventListener(type, (event) => event.stopPropagation());
  options.anchor.append(host);

  const root = createRoot(body);
  root.render(options.children);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    stopOnInvalidated();
    root.unmount();
    host.remove();
  };
  const stopOnInvalidated = ctx.onInvalidated(remove);
  return { host, remove };
}
