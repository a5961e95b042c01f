import type { Finding, Severity } from '@/lib/core/finding';
import { domainOf } from '@/lib/core/address';
import { distinctRecipients, type GuardrailContext } from '@/lib/guardrails/context';
import { findingSentence } from '@/lib/guardrails/sentence';

// A domain whose mail servers could not be looked up in time (the resolver failed, was
// slow, or is unreachable): said on the chip, and never a reason to hold the send.

export const id = 'mail-unchecked';
export const title = 'Recipient domain not checked';
export const defaultSeverity: Severity = 'info';
export const recipientStatus = 'unchecked';

export function check(ctx: GuardrailContext): Finding[] {
  const domains = ctx.recipientDomains;
  if (!domains) return [];
  return distinctRecipients(ctx.draft).flatMap(({ email }) => {
    const domain = domainOf(email);
    if (domains.get(domain)?.mail !== 'unchecked') return [];
    return [
      {
        code: 'mail-unchecked',
        severity: defaultSeverity,
        recipient: email,
        ...findingSentence('compose.finding.unchecked', { email, domain }),
      },
    ];
  });
}
