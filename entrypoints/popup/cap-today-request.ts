import { ask, unwrapReply } from '@/lib/ask';
import type { Reply } from '@/lib/messages';

// Today's cap. Asked for by public/popup-first-request.js while the page is parsed; if
// that script did not run (a page loaded some other way), by this module's body, which
// main.tsx imports before anything else.

declare global {
  // eslint-disable-next-line no-var
  var rampartCapTodayReply: Promise<Reply<'capToday'> | undefined> | undefined;
}

export const capToday = globalThis.rampartCapTodayReply
  ? globalThis.rampartCapTodayReply.then((reply) => unwrapReply<'capToday'>(reply))
  : ask('capToday', {});
