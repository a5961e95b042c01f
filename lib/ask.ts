import type { Envelope, MessageName, Replies, Reply, Request } from './messages';

// Asking the background, for the pages and the content script. Types only from the
// protocol (lib/messages.ts): the schemas are the background's to run, so a page that
// asks pays nothing for them.

/** Send a message to the background and unwrap its reply (throws a UserError-shaped Error). */
export async function ask<N extends MessageName>(type: N, payload: Request<N>): Promise<Replies[N]> {
  const reply = (await browser.runtime.sendMessage({ type, payload } satisfies Envelope<N>)) as
    | Reply<N>
    | undefined;
  if (!reply) throw Object.assign(new Error('Rampart’s background did not answer.'), { code: 'no-reply' });
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value;
}
