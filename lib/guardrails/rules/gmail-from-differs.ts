import type { Finding, Severity } from '@/lib/core/finding';
import { emailKey } from '@/lib/core/email';
import { sendingFrom, type GuardrailContext } from '@/lib/guardrails/context';
import { findingSentence } from '@/lib/guardrails/sentence';

// Send via SES sends from the identity set up in options, never from the From chosen in
// Gmail's compose window (that is the Gmail account's, and SES would refuse an unverified
// one). When the SDR picked another From in Gmail, the prospect would otherwise see an
// address the SDR did not expect: say which one goes out. Real Gmail leaves the field
// empty without aliases; then there is nothing to compare.

export const id = 'gmail-from-differs';
export const title = 'Gmail’s From differs from the SES identity';
export const defaultSeverity: Severity = 'warn';

export function check(ctx: GuardrailContext): Finding[] {
  const gmail = ctx.draft.from;
  if (!gmail?.email) return [];
  const ses = sendingFrom(ctx);
  if (emailKey(gmail.email) === emailKey(ses.email)) return [];
  return [
    {
      code: 'gmail-from-differs',
      severity: defaultSeverity,
      ...findingSentence('compose.finding.gmail-from', { gmail: gmail.email, ses: ses.email }),
    },
  ];
}
