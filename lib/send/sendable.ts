import type { Address, Draft } from '@/lib/core/draft';
import { emailKey } from '@/lib/core/email';
import type { Finding } from '@/lib/core/finding';
import { addressProblem, hasControlCharacter, hasHeaderBreak } from '@/lib/core/address';

// What SES can send at all, whatever the account's policy: checked on every send before
// anything is written or sent, and at check time. These are facts about the message, not
// guardrail policy (lib/guardrails/ adds the account-level rules), so they are never
// overridable: a draft that fails one is refused with a sentence and SES is not called.

/** SES v2 refuses a message over 40 MB, after encoding (SES quotas, "Message size"). */
export const SES_MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

function block(code: string, message: string, recipient?: string): Finding {
  return recipient === undefined ? { code, severity: 'block', message } : { code, severity: 'block', message, recipient };
}

/** A value shown inside a sentence: control characters made visible, one line. */
function shown(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function addressFindings(address: Address, role: 'recipient' | 'from'): Finding[] {
  const who = role === 'from' ? 'The From address' : `The recipient ${shown(address.email)}`;
  const recipient = role === 'recipient' ? address.email : undefined;
  if (hasHeaderBreak(address.email) || (address.name !== undefined && hasHeaderBreak(address.name))) {
    return [block('header-injection', `${who} has a line break in its address or name, which could add hidden headers.`, recipient)];
  }
  const problem = addressProblem(address.email.trim());
  if (problem) {
    return [
      block(
        role === 'from' ? 'invalid-from-address' : 'invalid-address',
        `${role === 'from' ? 'The From address' : 'The address'} “${shown(address.email)}” is not a valid email address: ${problem}.`,
        recipient,
      ),
    ];
  }
  if (address.name !== undefined && hasControlCharacter(address.name)) {
    return [
      block(
        'invalid-display-name',
        `The name shown for ${role === 'from' ? 'the From address' : shown(address.email)} contains a control character.`,
        recipient,
      ),
    ];
  }
  return [];
}

/**
 * Why SES cannot be asked to send this draft, as blocking findings (empty: it can).
 * `messageBytes` is the size of the message as built for SES (lib/aws/message.ts).
 */
export function unsendable(draft: Draft, from: Address, messageBytes: number): Finding[] {
  const findings: Finding[] = [];

  if (draft.unreadable.length > 0) {
    findings.push(
      block(
        'draft-unreadable',
        `Rampart could not read this draft’s ${draft.unreadable.join(', ')}, so it will not send it: send it from Gmail or reopen the draft.`,
      ),
    );
  }
  // Refused, never dropped: sending without them would deliver a different message.
  if (draft.hasAttachments) {
    findings.push(
      block('attachments', 'This draft has attachments and Rampart can’t send attachments yet: remove them or send from Gmail.'),
    );
  }

  const recipients = [...draft.to, ...draft.cc, ...draft.bcc];
  if (recipients.length === 0) {
    findings.push(block('no-recipients', 'Add at least one recipient (To, Cc or Bcc).'));
  }
  const seen = new Set<string>();
  for (const recipient of recipients) {
    // The same address may come twice with different names: each name is a header value.
    const key = `${emailKey(recipient.email)}\u0000${recipient.name ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(...addressFindings(recipient, 'recipient'));
  }
  findings.push(...addressFindings(from, 'from'));

  if (hasHeaderBreak(draft.subject)) {
    findings.push(block('header-injection', 'The subject has a line break, which could add hidden headers.'));
  } else if (hasControlCharacter(draft.subject)) {
    findings.push(block('invalid-subject', 'The subject contains a control character.'));
  }

  if (messageBytes > SES_MAX_MESSAGE_BYTES) {
    findings.push(block('too-large', `This message is ${megabytes(messageBytes)}; SES sends at most ${megabytes(SES_MAX_MESSAGE_BYTES)}.`));
  }
  return findings;
}

/**
 * The guardrails' findings, then those of the message checks the guardrails do not make
 * (attachments, size): the two overlap on addresses and headers, in their own words.
 */
export function mergeFindings(guardrails: readonly Finding[], message: readonly Finding[]): Finding[] {
  const covered = new Set(guardrails.map((f) => f.code));
  return [...guardrails, ...message.filter((f) => !covered.has(f.code))];
}
