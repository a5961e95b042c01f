import type { Finding, Severity } from '@/lib/core/finding';
import { emailKey } from '@/lib/core/email';
import { distinctRecipients, type GuardrailContext } from '@/lib/guardrails/context';
import { domainOf } from '@/lib/core/address';
import { findingSentence } from '@/lib/guardrails/sentence';

// While GetAccount says ProductionAccessEnabled=false the account is in the SES sandbox:
// SES delivers only to verified identities (an address, or any address at a verified
// domain) and to the mailbox simulator, and refuses the rest with MessageRejected
// "Email address is not verified".

export const id = 'sandbox-recipient';
export const title = 'Sandbox: recipient not verified';
export const defaultSeverity: Severity = 'block';
export const recipientStatus = 'unverified';

/** SES's mailbox simulator answers in the sandbox too. */
const simulatorDomain = 'simulator.amazonses.com';

export function check(ctx: GuardrailContext): Finding[] {
  if (!ctx.account || ctx.account.productionAccessEnabled) return [];
  const verified = new Set(ctx.verifiedIdentities.map(emailKey));
  return distinctRecipients(ctx.draft).flatMap(({ email }) => {
    const domain = domainOf(email);
    if (verified.has(emailKey(email)) || verified.has(domain) || domain === simulatorDomain) return [];
    return [
      {
        code: 'sandbox-unverified-recipient',
        severity: defaultSeverity,
        ...findingSentence('compose.finding.sandbox-recipient', { email }),
        recipient: email,
      },
    ];
  });
}
