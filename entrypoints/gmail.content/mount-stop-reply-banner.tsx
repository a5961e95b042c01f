import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { watchStopReplies, type StopReply } from './inbox/gmail/stop-reply';
import { StopReplyBanner } from '@/components/suppress/StopReplyBanner';
import { contentScriptCss, mountShadowRootUi } from '@/components/shadow-root-ui';
import '@/components/suppress/stop-reply-banner.css';
import type { ComposeTranslate } from '@/lib/i18n/compose/translate';
import { composeTranslate } from './compose-language';

// Keys typed in the banner must not reach Gmail's shortcuts.
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'];

/**
 * A banner above every thread message whose sender asked to stop, in its own shadow
 * root on a wrapper element placed before the message; removed with the content script.
 */
export function attachStopReplyBanners(ctx: ContentScriptContext): void {
  // The compose panels' translator: one language question and one dictionary per page.
  watchStopReplies(document, ctx.signal, (reply) => void mountBanner(ctx, reply, composeTranslate()));
}

async function mountBanner(ctx: ContentScriptContext, reply: StopReply, translator: Promise<ComposeTranslate>): Promise<void> {
  const [css, t] = await Promise.all([contentScriptCss(), translator]);
  if (ctx.isInvalid) return;
  const anchor = document.createElement('div');
  anchor.setAttribute('data-rampart-host', 'stop-reply');
  reply.element.before(anchor);
  mountShadowRootUi(ctx, {
    name: 'rampart-stop-reply',
    anchor,
    css,
    isolateEvents: ISOLATED_EVENTS,
    children: <StopReplyBanner email={reply.email} phrase={reply.phrase} t={t} {...(reply.name ? { name: reply.name } : {})} />,
  });
  // The banner's own wrapper goes with it.
  ctx.onInvalidated(() => anchor.remove());
}
