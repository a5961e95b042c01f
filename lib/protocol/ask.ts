import type { Envelope, MessageName, Replies, Reply, Request } from './messages';

// Asking the background, for the pages and the content script. Types only from the
// protocol (lib/protocol/messages.ts): the schemas are the background's to run, so a page that
// asks pays nothing for them.

/** Send a message to the background and unwrap its reply (throws a UserError-shaped Error). */
export async function ask<N extends MessageName>(type: N, payload: Request<N>): Promise<Replies[N]> {
  const reply = (await browser.runtime.sendMessage({ type, payload } satisfies Envelope<N>)) as Reply<N> | undefined;
  return unwrapReply<N>(reply);
}

/** A reply as `ask` returns it: the value, or a UserError-shaped Error. */
export function unwrapReply<N extends MessageName>(reply: Reply<N> | undefined): Replies[N] {
  if (!reply) throw Object.assign(new Error('Rampart’s background did not answer.'), { code: 'no-reply' });
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value;
}

/**
 * The compose window's checks travel over one long-lived port: a check is asked on every
 * change of a draft, and a message on an open port costs about half the round trip of a
 * one-off message, which opens a channel each time. Only `check` goes this way: it is
 * safe to ask twice, so a check in flight when the port closes (the worker stopped when
 * idle) is asked again as a one-off message, and the next one opens a new port.
 */
export const CHECK_PORT = 'rampart-check';
export type PortRequest = Envelope<'check'> & { id: number };
export interface PortReply {
  id: number;
  reply: Reply<'check'>;
}

let checkPort: ReturnType<typeof browser.runtime.connect> | undefined;
const inFlight = new Map<number, { resolve: (reply: Reply<'check'> | undefined) => void; again: () => void }>();
let lastId = 0;

function openCheckPort(): ReturnType<typeof browser.runtime.connect> {
  const port = browser.runtime.connect({ name: CHECK_PORT });
  port.onMessage.addListener((message: PortReply) => {
    const waiting = inFlight.get(message.id);
    inFlight.delete(message.id);
    waiting?.resolve(message.reply);
  });
  port.onDisconnect.addListener(() => {
    if (checkPort === port) checkPort = undefined;
    const orphans = [...inFlight.values()];
    inFlight.clear();
    for (const waiting of orphans) waiting.again();
  });
  return port;
}

export async function askCheck(payload: Request<'check'>): Promise<Replies['check']> {
  const oneOff = () =>
    browser.runtime.sendMessage({ type: 'check', payload } satisfies Envelope<'check'>) as Promise<Reply<'check'> | undefined>;
  const reply = await new Promise<Reply<'check'> | undefined>((resolve, reject) => {
    const id = ++lastId;
    inFlight.set(id, { resolve, again: () => oneOff().then(resolve, reject) });
    try {
      checkPort ??= openCheckPort();
      checkPort.postMessage({ id, type: 'check', payload } satisfies PortRequest);
    } catch {
      // A port that cannot be opened or written to: the one-off message says why, if anything.
      inFlight.delete(id);
      checkPort = undefined;
      oneOff().then(resolve, reject);
    }
  });
  return unwrapReply<'check'>(reply);
}
