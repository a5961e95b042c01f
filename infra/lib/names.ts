// Names the extension and the stack must agree on.
import { createHash } from 'node:crypto';

/** SES's tag that routes a message's events to its SDR's queue (EmailTags on SendEmail). */
export const SENDER_TAG = 'sender';

/** What SES accepts as a message tag value (SES API reference, MessageTag). */
const TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * The `sender` tag of an entry of `rampart:senders`, as the extension puts it on every
 * SendEmail: an address (it holds `@`, which no tag can) is lower-cased and every UTF-8
 * byte outside `[a-z0-9-]` written `_` and two lower-case hex digits
 * (`ana@outbound.acme.com` → `ana_40outbound_2eacme_2ecom`); anything else is a tag the
 * lead set by hand in the extension's options, taken as it is. Throws on what SES would
 * refuse.
 */
export function senderTag(sender: string): string {
  const trimmed = sender.trim();
  const tag = trimmed.includes('@')
    ? Array.from(Buffer.from(trimmed.toLowerCase(), 'utf8'), (byte) => {
        const char = String.fromCharCode(byte);
        return /[a-z0-9-]/.test(char) ? char : `_${byte.toString(16).padStart(2, '0')}`;
      }).join('')
    : trimmed;
  if (!TAG_VALUE.test(tag)) {
    throw new Error(
      `rampart:senders: "${sender}" is neither an email address whose tag fits SES's 256 characters nor a tag of letters, digits, _ and -.`,
    );
  }
  return tag;
}

/**
 * The feedback queue of a sender tag, as the extension asks for it (GetQueueUrl; see
 * lib/feedback/queue.ts): `rampart-events-` and the tag when that fits SQS's 80
 * characters, else `rampart-events-`, the tag's first 40 characters, `-` and the first
 * 24 hex digits of its SHA-256.
 */
export function feedbackQueueName(tag: string): string {
  const name = 'rampart-events-' + tag;
  if (name.length <= 80) return name;
  return `rampart-events-${tag.slice(0, 40)}-${createHash('sha256').update(tag, 'utf8').digest('hex').slice(0, 24)}`;
}
