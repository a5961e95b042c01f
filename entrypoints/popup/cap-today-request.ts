import { popupFirstRequest } from './first-request';
import { unwrapReply } from '@/lib/protocol/ask';

// Today's cap. Asked for by popup.html's classic script (entrypoints/popup-first-paint.ts)
// while the page is parsed; if that script did not run (a page loaded some other way), by
// this module's body, which main.tsx imports before anything else.

export const firstRequest = popupFirstRequest();
export const capToday = firstRequest.reply.then((reply) => unwrapReply<'capToday'>(reply));
