import type { Envelope, MessageName, Replies, Reply, Request } from './messages';

// `ask()` lives apart from the protocol's schemas so the Gmail content script can send
// typed messages without shipping zod: it validates nothing itself (the background
// does), and zod is ~6 KB of its 80 KB gzip budget. Types only from lib/messages.ts.

/** Send a message to the background and unwrap its reply (throws a UserError-shaped Error). */
export async function ask<N extends MessageName>(type: N, payload: Request<N>): Promise<Replies[N]> {
  const reply = (await browser.runtime.sendMessage({ type, payload } satisfies Envelope<N>)) as
    | Reply<N>
    | undefined;
  if (!reply) throw Object.assign(new Error('Rampart’s background did not answer.'), { code: 'no-reply' });
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value;
}
