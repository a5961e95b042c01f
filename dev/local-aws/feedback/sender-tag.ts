// The `sender` tag and the queue it names, by the rule Rampart and infra/ follow, written
// here on its own: a From address becomes a tag SES accepts (each UTF-8 byte outside
// `[a-z0-9-]` as `_` and two lower-case hex digits, `_` included, so no two addresses
// meet), and a tag becomes an SQS queue name of at most 80 characters. The emulator's
// only copy of the rule: the sign-in's default tag (auth/team.ts), the queue a member's
// SQS calls are held to (auth/access.ts) and event routing all come from here.
import { createHash } from 'node:crypto';

export const QUEUE_PREFIX = 'rampart-events-';
const QUEUE_NAME_MAX = 80;

/** `sdr@outbound.example.com` → `sdr_40outbound_2eexample_2ecom`. */
export function tagOfAddress(address: string): string {
  const bytes = Buffer.from(address.trim().toLowerCase(), 'utf8');
  return Array.from(bytes, (byte) =>
    /[a-z0-9-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0')}`,
  ).join('');
}

/**
 * A sender as a control route names it: an address (it holds `@`, which no tag can) is
 * turned into its tag; anything else is taken as the tag itself.
 */
export function senderTagOf(sender: string): string {
  return sender.includes('@') ? tagOfAddress(sender) : sender;
}

/**
 * The queue of a tag: the prefix and the tag when that fits 80 characters, else the
 * prefix, the tag's first 40 characters, `-` and the first 24 hex digits of its SHA-256.
 */
export function queueNameForTag(tag: string): string {
  if (QUEUE_PREFIX.length + tag.length <= QUEUE_NAME_MAX) return QUEUE_PREFIX + tag;
  return `${QUEUE_PREFIX}${tag.slice(0, 40)}-${createHash('sha256').update(tag, 'utf8').digest('hex').slice(0, 24)}`;
}
