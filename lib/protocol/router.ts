import type { Browser, WxtBrowser } from 'wxt/browser';
import { CHECK_PORT, type PortReply, type PortRequest } from './ask';
import { requests, type MessageName, type Replies, type Reply, type Request, type UserError } from './messages';

// The background's single entry: every message from the content script, popup and options
// arrives here, is checked to come from this extension, validated against its zod schema
// (lib/protocol/messages.ts) and handed to the handler of its name. Replies are
// `{ ok: true, value }` or `{ ok: false, error: { code, message } }`, never a thrown error.
//
// Two kinds of sender: Rampart's own pages (popup, options: the extension's origin) and the
// Gmail content script, which runs in a renderer Gmail's page shares and so is trusted only
// with what a compose window or a thread's STOP banner needs (contentScriptMessages).

type Sender = Browser.runtime.MessageSender;

export type Handler<N extends MessageName> = (payload: Request<N>, sender: Sender) => Promise<Replies[N]>;
export type Handlers = { [N in MessageName]?: Handler<N> };

export interface RouterOptions {
  /** This extension's id: messages from anyone else are refused. */
  extensionId: string;
  /** This extension's origin (`chrome-extension://<id>`, `moz-extension://<uuid>`): its own pages. */
  extensionOrigin: string;
  /** Turns what a handler threw into the sentence the user sees (lib/aws/errors.ts). */
  describeError: (error: unknown) => UserError;
}

function isMessageName(type: unknown): type is MessageName {
  return typeof type === 'string' && Object.hasOwn(requests, type);
}

/**
 * What the Gmail content script may ask, and of each message which payloads: the compose
 * window's check, send and outbox rows (its own), and the STOP banner's offer, suppression
 * and the undo of that suppression. Everything else (the ramp plan, resume, imports and
 * exports, settings, sign-in, hand suppressions) is the extension pages' alone.
 */
export const contentScriptMessages: { readonly [N in MessageName]?: (payload: Request<N>) => boolean } = {
  check: () => true,
  send: () => true,
  outbox: (payload) => payload.composeId !== undefined,
  stopReply: () => true,
  suppress: (payload) => payload.cause === 'stop-reply' && payload.reason === 'UNSUBSCRIBE',
  undoSuppress: (payload) => payload.cause === 'stop-reply',
  composeLanguage: () => true,
};

/** True when the sender is one of this extension's own pages or its service worker. */
export function isExtensionPage(sender: Sender, extensionOrigin: string): boolean {
  const url = sender.url ?? (sender as { origin?: string }).origin;
  // Compared as text: `URL.origin` is "null" for schemes a runtime does not know.
  return typeof url === 'string' && extensionOrigin !== '' && (url === extensionOrigin || url.startsWith(`${extensionOrigin}/`));
}

function refuseFromGmail(name: MessageName, inThisForm: boolean): Reply<MessageName> {
  const what = inThisForm ? `“${name}” in this form` : `“${name}”`;
  return refuse('not-from-gmail', `Rampart does not take ${what} from Gmail’s page: do this from Rampart’s popup or options.`);
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
    // A content script's message outside its list is refused before its payload is even read.
    const fromGmail = !isExtensionPage(sender, options.extensionOrigin);
    const allowedFromGmail = fromGmail
      ? ((contentScriptMessages[name] ?? (() => false)) as (payload: Request<typeof name>) => boolean)
      : undefined;
    if (fromGmail && !contentScriptMessages[name]) return refuseFromGmail(name, false);
    const parsed = requests[name].safeParse(envelope.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      return refuse('invalid-message', `The “${name}” message is malformed${where}: ${issue?.message ?? 'invalid'}.`);
    }
    if (allowedFromGmail && !allowedFromGmail(parsed.data as Request<typeof name>)) return refuseFromGmail(name, true);
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
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const route = createRouter(handlers, { extensionId: browser.runtime.id, extensionOrigin, describeError });
  browser.runtime.onMessage.addListener((message: unknown, sender: Sender, sendResponse: (reply: unknown) => void) => {
    // sendResponse + `return true` keeps the channel open in Chrome and Firefox alike.
    void route(message, sender).then(sendResponse);
    return true;
  });
  // The compose window's checks (lib/protocol/messages.ts, askCheck): the same routing, `check` only.
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
