import type { Finding, Severity } from '@/lib/core/finding';
import { sendingFrom, type GuardrailContext } from '@/lib/guardrails/context';
import { findingSentence } from '@/lib/guardrails/sentence';

// SES sends only from a verified identity (the address or its domain) and refuses any
// other From with MessageRejected "Email address is not verified", sandbox or not.

export const id = 'from-unverified';
export const title = 'From identity not verified in SES';
export const defaultSeverity: Severity = 'block';

export function check(ctx: GuardrailContext): Finding[] {
  const status = ctx.fromIdentityStatus;
  if (!status || status.verifiedForSending) return [];
  return [
    {
      code: 'from-not-verified',
      severity: defaultSeverity,
      ...findingSentence('compose.finding.from-not-verified', { email: sendingFrom(ctx).email, identity: status.identity }),
    },
  ];
}
