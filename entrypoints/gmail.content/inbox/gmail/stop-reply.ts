import { findStopRequest, type StopRequest } from '@/entrypoints/gmail.content/inbox/stop-words';
import { onPageChange } from './page-changes';

// A prospect's "stop" reply in an open Gmail thread (docs/gmail-dom.md, thread view): each
// message is a `div.adn`, its sender `span[email].gD`, its body `div.a3s`. Gmail renames
// its tokens now and then, so each target has ordered alternatives; a message whose
// sender or body cannot be read is skipped, never guessed.

/** One message of a thread view. */
export const THREAD_MESSAGE = ['div.adn[data-message-id]', 'div.adn'];
/** Its sender, with the address in the `email` attribute. */
export const MESSAGE_SENDER = ['span.gD[email]', 'span[email][name]'];
/** Its body (collapsed messages have none until opened). */
export const MESSAGE_BODY = ['div.a3s', '.ii.gt div[dir]'];

export interface StopReply extends StopRequest {
  /** The thread message element the banner is placed beside. */
  element: HTMLElement;
  email: string;
  name?: string;
  /** Gmail's own id for the message, when it gives one. */
  messageKey?: string;
}

function first<E extends Element>(root: ParentNode, alternatives: readonly string[]): E | null {
  for (const selector of alternatives) {
    const found = root.querySelector<E>(selector);
    if (found) return found;
  }
  return null;
}

/** Quoted history Gmail marks up: the SDR's own "reply STOP" must not count as the prospect's. */
const QUOTED = ['.gmail_quote', 'blockquote', '.gmail_extra'];

/** The body's text without what it quotes (the text's own quote markers are cut later). */
function ownText(body: HTMLElement): string {
  if (!QUOTED.some((selector) => body.querySelector(selector))) return body.innerText || body.textContent || '';
  const copy = body.cloneNode(true) as HTMLElement;
  for (const quoted of copy.querySelectorAll(QUOTED.join(','))) quoted.remove();
  return copy.textContent ?? '';
}

/** The stop request a thread message makes, if it makes one. */
export function readStopReply(message: HTMLElement): StopReply | null {
  const sender = first<HTMLElement>(message, MESSAGE_SENDER);
  const body = first<HTMLElement>(message, MESSAGE_BODY);
  const email = sender?.getAttribute('email')?.trim().toLowerCase();
  if (!email || !body) return null;
  const request = findStopRequest(ownText(body));
  if (!request) return null;
  const reply: StopReply = { ...request, element: message, email };
  const name = sender?.getAttribute('name') ?? sender?.textContent?.trim();
  if (name) reply.name = name;
  const key = message.getAttribute('data-message-id');
  if (key) reply.messageKey = key;
  return reply;
}

/**
 * Report every thread message that asks to stop, once each, as threads open and
 * messages expand, until `signal` aborts, on the page's shared change watch.
 */
export function watchStopReplies(doc: Document, signal: AbortSignal, onFound: (reply: StopReply) => void): void {
  const seen = new WeakSet<HTMLElement>();
  const scan = () => {
    for (const selector of THREAD_MESSAGE) {
      for (const message of doc.querySelectorAll<HTMLElement>(selector)) {
        if (seen.has(message)) continue;
        const reply = readStopReply(message);
        // A message with no body yet is looked at again when it expands.
        if (first(message, MESSAGE_BODY)) seen.add(message);
        if (reply) onFound(reply);
      }
    }
  };
  onPageChange(doc, signal, scan);
  scan();
}
