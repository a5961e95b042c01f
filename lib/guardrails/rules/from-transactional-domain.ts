import type { Finding, Severity } from '@/lib/core/finding';
import { emailKey } from '@/lib/core/email';
import { sendingFrom, type GuardrailContext } from '@/lib/guardrails/context';
import { domainOf } from '@/lib/core/address';
import { findingSentence } from '@/lib/guardrails/sentence';

// Cold outbound draws more complaints than the company's own mail. Sent from the
// corporate or transactional domain, those complaints land on the domain that receipts,
// password resets and employees' mail depend on; outbound belongs on its own domain.

export const id = 'from-transactional-domain';
export const title = 'From the transactional or corporate domain';
export const defaultSeverity: Severity = 'warn';

export function check(ctx: GuardrailContext): Finding[] {
  const domain = domainOf(sendingFrom(ctx).email);
  // The exact domain only: a subdomain such as outbound.example.com is the set-up we want.
  if (domain === '' || !ctx.settings.avoidFromDomains.some((d) => emailKey(d) === domain)) return [];
  return [
    {
      code: 'from-transactional-domain',
      severity: defaultSeverity,
      ...findingSentence('compose.finding.from-transactional-domain', { domain }),
    },
  ];
}
