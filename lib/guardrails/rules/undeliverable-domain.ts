import type { Finding, Severity } from '@/lib/core/finding';
import { domainOf } from '@/lib/core/address';
import { distinctRecipients, type GuardrailContext } from '@/lib/guardrails/context';
import { findingSentence } from '@/lib/guardrails/sentence';

// A recipient domain with no mail server (no such domain, a null MX, or neither MX nor an
// address: RFC 5321 §5.1) is a certain hard bounce, and hard bounces are what AWS reviews
// an account for (docs/rules.md). Found over DNS by the background (lib/send/domain-check.ts).

export const id = 'undeliverable-domain';
export const title = 'Recipient domain has no mail server';
export const defaultSeverity: Severity = 'block';
export const recipientStatus = 'undeliverable';

export function check(ctx: GuardrailContext): Finding[] {
  const domains = ctx.recipientDomains;
  if (!domains) return [];
  return distinctRecipients(ctx.draft).flatMap(({ email }) => {
    const domain = domainOf(email);
    const facts = domains.get(domain);
    if (facts?.mail !== 'none') return [];
    const key = `compose.finding.undeliverable.${facts.reason ?? 'no-mail-server'}` as const;
    return [{ code: 'undeliverable-domain', severity: defaultSeverity, recipient: email, ...findingSentence(key, { email, domain }) }];
  });
}
