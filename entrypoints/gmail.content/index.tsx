import { attachComposeUi } from './mount-compose-ui';
import { attachStopReplyBanners } from './mount-stop-reply-banner';
import { gmailAdapter } from './inbox/gmail/index';
import { refusePageTeardown } from './inbox/teardown-guard';
import './style.css';

// Wiring only: the Gmail adapter finds compose windows, the compose UI mounts beside
// each one's Send. Imports nothing that reaches AWS or IndexedDB (docs/architecture.md).
export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  cssInjectionMode: 'ui',
  main(ctx) {
    // First: a message from Gmail's page must not be able to stop Rampart (entrypoints/gmail.content/inbox/teardown-guard.ts).
    refusePageTeardown(ctx);
    attachComposeUi(ctx, gmailAdapter);
    attachStopReplyBanners(ctx);
  },
});
