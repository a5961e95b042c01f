import type { Finding, Severity } from '@/lib/core/finding';
import { distinctRecipients, sendingFrom, type GuardrailContext } from '@/lib/guardrails/context';
import { addressProblem, hasControlCharacter, hasHeaderBreak } from '@/lib/core/address';

// Addresses, display names and the subject become header values of the message SES
// sends. A CR or LF in one of them starts a header of its own (a Bcc nobody sees); an
// address that is not a plain addr-spec is refused by SES or bounces.

export const id = 'malformed-header';
export const title = 'Malformed or header-injecting address, subject or name';
export const defaultSeverity: Severity = 'block';
export const recipientStatus = 'invalid';
// Injected headers are a security matter, not a policy one.
export const overridable = false;

export function check(ctx: GuardrailContext): Finding[] {
  const findings: Finding[] = [];
  const block = (code: string, message: string, recipient?: string): void => {
    findings.push(
      recipient === undefined ? { code, severity: defaultSeverity, message } : { code, severity: defaultSeverity, message, recipient },
    );
  };

  for (const { email, name } of distinctRecipients(ctx.draft)) {
    const shown = printable(email);
    if (hasHeaderBreak(email) || (name !== undefined && hasHeaderBreak(name))) {
      block(
        'header-injection',
        `The recipient ${shown} has a line break or NUL in its address or name, which could add hidden headers.`,
        email,
      );
      continue;
    }
    const problem = addressProblem(email.trim());
    if (problem) {
      block('invalid-address', `${shown} is not a valid email address: ${problem}.`, email);
      continue;
    }
    if (name !== undefined && hasControlCharacter(name)) {
      block('invalid-display-name', `The name shown for ${shown} contains a control character.`, email);
    }
  }

  const from = sendingFrom(ctx);
  if (hasHeaderBreak(from.email) || (from.name !== undefined && hasHeaderBreak(from.name))) {
    block('header-injection', 'The From address or name has a line break or NUL, which could add hidden headers.');
  } else {
    const problem = addressProblem(from.email.trim());
    if (from.email.trim() === '') block('from-not-configured', 'No From address is set up yet: add one in Rampart’s options.');
    else if (problem) block('invalid-from-address', `The From address ${printable(from.email)} is not valid: ${problem}.`);
    else if (from.name !== undefined && hasControlCharacter(from.name)) {
      block('invalid-display-name', 'The From name contains a control character.');
    }
  }

  if (hasHeaderBreak(ctx.draft.subject)) {
    block('header-injection', 'The subject has a line break or NUL, which could add hidden headers.');
  } else if (hasControlCharacter(ctx.draft.subject)) {
    block('invalid-subject', 'The subject contains a control character.');
  }
  return findings;
}

/** The value with control characters made visible, so the sentence itself stays one line. */
function printable(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
