import { createRoot, type Root } from 'react-dom/client';
import { createShadowRootUi } from '#imports';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { watchStopReplies, type StopReply } from '../../lib/inbox/gmail/stop-reply';
import { StopReplyBanner } from './StopReplyBanner';
import './stop-reply-banner.css';

// Keys typed in the banner must not reach Gmail's shortcuts.
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'];

/**
 * A banner above every thread message whose sender asked to stop, in its own shadow
 * root on a wrapper element placed before the message; removed with the content script.
 */
export function attachStopReplyBanners(ctx: ContentScriptContext): void {
  watchStopReplies(document, ctx.signal, (reply) => void mountBanner(ctx, reply));
}

async function mountBanner(ctx: ContentScriptContext, reply: StopReply): Promise<void> {
  const anchor = document.createElement('div');
  anchor.setAttribute('data-rampart-host', 'stop-reply');
  reply.element.before(anchor);
  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'rampart-stop-reply',
    position: 'inline',
    anchor,
    append: 'last',
    mode: 'open',
    isolateEvents: ISOLATED_EVENTS,
    onMount(container) {
      const root = createRoot(container);
      root.render(<StopReplyBanner email={reply.email} phrase={reply.phrase} {...(reply.name ? { name: reply.name } : {})} />);
      return root;
    },
    onRemove(root) {
      root?.unmount();
      anchor.remove();
    },
  });
  ui.mount();
}
