// The `sender` message tag, which routes a message's SES events to its SDR's feedback
// queue. SES accepts only ASCII letters, digits, `_` and `-` in a tag value, at most 256
// characters (SES API reference, MessageTag), so a From address is encoded: every UTF-8
// byte outside `[a-z0-9-]` becomes `_` and two lower-case hex digits. `_` itself is always
// an escape, so two addresses never share a tag. infra/ and the emulator apply the same
// rule on their own.

/** SES's longest message tag value. */
export const SENDER_TAG_MAX = 256;

/** What SES accepts as a tag value (and so as a tag a lead sets by hand). */
const TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;

const KEPT = /^[a-z0-9-]$/;

/** The bare address of a From (a display name and angle brackets dropped), trimmed, lower-cased. */
export function bareFromAddress(from: string): string {
  const angled = /<([^<>]*)>\s*$/.exec(from);
  return (angled ? angled[1]! : from).trim().toLowerCase();
}

/** The sender tag of a From address: `sdr@outbound.example.com` → `sdr_40outbound_2eexample_2ecom`. */
export function senderTag(fromAddress: string): string {
  let tag = '';
  for (const byte of new TextEncoder().encode(bareFromAddress(fromAddress))) {
    const char = String.fromCharCode(byte);
    tag += KEPT.test(char) ? char : `_${byte.toString(16).padStart(2, '0')}`;
  }
  return tag;
}

/** True when SES accepts `value` as a tag value. */
export function isTagValue(value: string): boolean {
  return TAG_VALUE.test(value);
}

/** True when the address's tag fits SES's limit (else it cannot be a From for Rampart). */
export function fitsSenderTag(fromAddress: string): boolean {
  return senderTag(fromAddress).length <= SENDER_TAG_MAX;
}

/**
 * The tag this SDR's messages carry: the one the lead set, else the From address's. The
 * settings refuse a set tag SES would refuse; should one get here all the same, the
 * From's tag goes out rather than a SendEmail SES rejects.
 */
export function senderTagOf(settings: { senderTag: string; fromAddress: string }): string {
  return isTagValue(settings.senderTag) ? settings.senderTag : senderTag(settings.fromAddress);
}
