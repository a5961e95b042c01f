import { attachComposeUi } from '../../components/compose/mount-compose-ui';
import { attachStopReplyBanners } from '../../components/suppress/mount-stop-reply-banner';
import { gmailAdapter } from '../../lib/inbox/gmail';
import { refusePageTeardown } from '../../lib/inbox/teardown-guard';
import './style.css';

// Wiring only: the Gmail adapter finds compose windows, the compose UI mounts beside
// each one's Send. Imports nothing that reaches AWS or IndexedDB (docs/architecture.md).
export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  cssInjectionMode: 'ui',
  main(ctx) {
    // First: a message from Gmail's page must not be able to stop Rampart (lib/inbox/teardown-guard.ts).
    refusePageTeardown(ctx);
    attachComposeUi(ctx, gmailAdapter);
    attachStopReplyBanners(ctx);
  },
});
