import type { Finding, Severity } from '@/lib/core/finding';
import { domainOf } from '@/lib/core/address';
import { distinctRecipients, type GuardrailContext } from '@/lib/guardrails/context';
import { findingSentence } from '@/lib/guardrails/sentence';

// A disposable-address service (from the maintained list of disposable-email-domains-js,
// read by the background: lib/send/domain-check.ts): such inboxes expire within hours and
// bounce, and no prospect gives one for a conversation they want.

export const id = 'disposable-domain';
export const title = 'Disposable-address recipient';
export const defaultSeverity: Severity = 'warn';
export const recipientStatus = 'warn';

export function check(ctx: GuardrailContext): Finding[] {
  const domains = ctx.recipientDomains;
  if (!domains) return [];
  return distinctRecipients(ctx.draft).flatMap(({ email }) => {
    const domain = domainOf(email);
    if (domains.get(domain)?.disposable !== true) return [];
    return [
      {
        code: 'disposable-domain',
        severity: defaultSeverity,
        recipient: email,
        ...findingSentence('compose.finding.disposable', { email, domain }),
      },
    ];
  });
}
