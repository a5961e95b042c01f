import type { Browser, WxtBrowser } from 'wxt/browser';
import {
  CHECK_PORT,
  requests,
  type MessageName,
  type PortReply,
  type PortRequest,
  type Replies,
  type Reply,
  type Request,
  type UserError,
} from './messages';

// The background's single entry: every message from the content script, popup and options
// arrives here, is checked to come from this extension, validated against its zod schema
// (lib/messages.ts) and handed to the handler of its name. Replies are
// `{ ok: true, value }` or `{ ok: false, error: { code, message } }`, never a thrown error.

type Sender = Browser.runtime.MessageSender;

export type Handler<N extends MessageName> = (payload: Request<N>, sender: Sender) => Promise<Replies[N]>;
export type Handlers = { [N in MessageName]?: Handler<N> };

export interface RouterOptions {
  /** This extension's id: messages from anyone else are refused. */
  extensionId: string;
  /** Turns what a handler threw into the sentence the user sees (lib/ses/errors.ts). */
  describeError: (error: unknown) => UserError;
}

function isMessageName(type: unknown): type is MessageName {
  return typeof type === 'string' && Object.hasOwn(requests, type);
}

function refuse(code: string, message: string): Reply<MessageName> {
  return { ok: false, error: { code, message } };
}

/** The routing itself, free of the `browser` API so it can be tested as a function. */
export function createRouter(handlers: Handlers, options: RouterOptions) {
  return async function route(message: unknown, sender: Sender): Promise<Reply<MessageName>> {
    if (sender.id !== options.extensionId) {
      return refuse('foreign-sender', 'Rampart only answers its own pages and scripts.');
    }
    const envelope = (typeof message === 'object' && message !== null ? message : {}) as {
      type?: unknown;
      payload?: unknown;
    };
    if (!isMessageName(envelope.type)) {
      return refuse('unknown-message', `Rampart’s background does not know the message “${String(envelope.type)}”.`);
    }
    const name = envelope.type;
    const parsed = requests[name].safeParse(envelope.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      return refuse('invalid-message', `The “${name}” message is malformed${where}: ${issue?.message ?? 'invalid'}.`);
    }
    const handler = handlers[name] as Handler<typeof name> | undefined;
    if (!handler) {
      return refuse('not-available', `Rampart cannot answer “${name}” yet.`);
    }
    try {
      return { ok: true, value: await handler(parsed.data as Request<typeof name>, sender) };
    } catch (error) {
      return { ok: false, error: options.describeError(error) };
    }
  };
}

/**
 * Registers the one `runtime.onMessage` listener. Call it synchronously in the
 * background's main: a worker woken by a message must find its listener at once.
 */
export function listen(browser: WxtBrowser, handlers: Handlers, describeError: RouterOptions['describeError']): void {
  const route = createRouter(handlers, { extensionId: browser.runtime.id, describeError });
  browser.runtime.onMessage.addListener((message: unknown, sender: Sender, sendResponse: (reply: unknown) => void) => {
    // sendResponse + `return true` keeps the channel open in Chrome and Firefox alike.
    void route(message, sender).then(sendResponse);
    return true;
  });
  // The compose window's checks (lib/messages.ts, askCheck): the same routing, `check` only.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== CHECK_PORT) return;
    port.onMessage.addListener((message: PortRequest) => {
      const sender = port.sender ?? {};
      const request = message?.type === 'check' ? message : { type: 'not-check', payload: undefined };
      void route(request, sender).then((reply) => {
        try {
          port.postMessage({ id: message?.id, reply: reply as Reply<'check'> } satisfies PortReply);
        } catch {
          // The compose window went away: nobody is waiting for the answer.
        }
      });
    });
  });
}
