import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ComposeTranslate } from '@/lib/i18n/compose/translate';
import { composeTranslate } from './compose-language';
import { countCallback, countEvent } from './inbox/activity';
import type { Compose, InboxAdapter } from './inbox/adapter';
import { ComposePanel } from '@/components/compose/ComposePanel';
import { ComposeSession } from './compose-session';
import { contentScriptCss, mountShadowRootUi, type ShadowRootUi } from '@/components/shadow-root-ui';
import '@/components/compose/compose-panel.css';

// Keys typed in Rampart's panel must not reach Gmail's shortcuts and editors.
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'];

/**
 * The compose UI for every compose window the adapter finds: mounted once per compose,
 * torn down when the compose leaves the DOM or the content script is invalidated.
 */
export function attachComposeUi(ctx: ContentScriptContext, adapter: InboxAdapter): void {
  // Asked at start (the first compose wants it at once); no storage watcher in any compose window.
  const t = composeTranslate();
  const mounted = new WeakMap<HTMLElement, AbortController>();
  adapter.findComposes(
    document,
    ctx.signal,
    (compose) => {
      const controller = new AbortController();
      mounted.set(compose.element, controller);
      countEvent('mounts');
      void mountComposeUi(ctx, adapter, compose, controller.signal, t);
    },
    (compose) => {
      mounted.get(compose.element)?.abort();
      mounted.delete(compose.element);
      countEvent('unmounts');
    },
  );
}

async function mountComposeUi(
  ctx: ContentScriptContext,
  adapter: InboxAdapter,
  compose: Compose,
  signal: AbortSignal,
  translate: Promise<ComposeTranslate>,
) {
  const session = new ComposeSession(adapter, compose, signal);
  adapter.onPresend(compose, session.onPresend, signal);

  let ui: ShadowRootUi | null = null;
  const t = await translate;
  const mount = async () => {
    const css = await contentScriptCss();
    if (signal.aborted) return;
    countCallback();
    ui = mountShadowRootUi(ctx, {
      name: 'rampart-compose',
      anchor: adapter.mountPanel(compose),
      css,
      isolateEvents: ISOLATED_EVENTS,
      children: <ComposePanel session={session} t={t} />,
    });
  };
  signal.addEventListener(
    'abort',
    () => {
      ui?.remove();
      compose.element.querySelector('[data-rampart-host]')?.remove();
      ui = null;
    },
    { once: true },
  );

  await mount();
  adapter.watchDraft(
    compose,
    () => {
      // Gmail re-renders its toolbar now and then: put the panel back beside Send.
      if (ui && !ui.host.isConnected && compose.element.isConnected) {
        ui.remove();
        ui = null;
        void mount();
      }
      session.refresh();
    },
    signal,
  );
}
