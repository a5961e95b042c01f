import { POPULAR_DOMAINS, run as suggestDomain } from '@zootools/email-spell-checker';
import type { Finding, Severity } from '@/lib/core/finding';
import { domainOf } from '@/lib/core/address';
import { distinctRecipients, type GuardrailContext } from '@/lib/guardrails/context';
import { findingSentence } from '@/lib/guardrails/sentence';

// A likely typo of a common mail domain (`gmial.com` → `gmail.com`), from the maintained
// mailcheck fork @zootools/email-spell-checker: a typo domain bounces, or worse, delivers
// to a stranger. A warning with the suggestion; the SDR decides.

export const id = 'likely-typo';
export const title = 'Likely typo in the domain';
export const defaultSeverity: Severity = 'warn';
export const recipientStatus = 'warn';

// Real domains the library's list lacks, which it would otherwise "correct" (mac.com → mail.com).
const known = [...POPULAR_DOMAINS, 'mac.com', 'me.com'];
const common = new Set(known);

export function check(ctx: GuardrailContext): Finding[] {
  return distinctRecipients(ctx.draft).flatMap(({ email }) => {
    const domain = domainOf(email);
    if (!domain.includes('.')) return [];
    const suggestion = suggestDomain({ email, domains: known });
    // Only a near miss of a common provider: a common domain, or a provider's name
    // (`hotmial` → `hotmail`). The library also rewrites a rare top-level domain alone
    // (`prospects.test` → `prospects.de`), which says nothing about a company's own.
    if (!suggestion || suggestion.domain === domain) return [];
    if (!common.has(suggestion.domain) && suggestion.domain.split('.')[0] === domain.split('.')[0]) return [];
    return [
      {
        code: 'likely-typo',
        severity: defaultSeverity,
        recipient: email,
        ...findingSentence('compose.finding.typo', { email, domain, suggestion: suggestion.full }),
      },
    ];
  });
}
