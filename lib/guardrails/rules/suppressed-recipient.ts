import type { Finding, Severity } from '@/lib/core/finding';
import { emailKey } from '@/lib/core/email';
import { distinctRecipients, type GuardrailContext, type SuppressionReason } from '@/lib/guardrails/context';
import { formatDay } from '@/lib/guardrails/age';
import { findingSentence } from '@/lib/guardrails/sentence';

// SES drops mail to an address on the account's suppression list and counts it against
// the account; Rampart's own suppressions (unsubscribes, a third soft bounce, manual) must
// hold for the whole team at once (docs/rules.md, Health).

export const id = 'suppressed-recipient';
export const title = 'Suppressed recipient';
export const defaultSeverity: Severity = 'block';
export const recipientStatus = 'suppressed';

// Each reason's sentence is compose.finding.suppressed.<reason> (lib/i18n/compose).
const because: Record<SuppressionReason, true> = { BOUNCE: true, COMPLAINT: true, UNSUBSCRIBE: true, MANUAL: true };

export function check(ctx: GuardrailContext): Finding[] {
  return distinctRecipients(ctx.draft).flatMap(({ email }) => {
    const entry = ctx.suppression.get(emailKey(email));
    if (!entry) return [];
    const day = formatDay(entry.since, ctx.timeZone);
    const sentence = Object.hasOwn(because, entry.reason)
      ? findingSentence(`compose.finding.suppressed.${entry.reason}`, { email, day })
      : { message: `${email} has been suppressed since ${day} because of ${String(entry.reason).toLowerCase()}.` };
    return [{ code: 'suppressed-recipient', severity: defaultSeverity, ...sentence, recipient: email }];
  });
}
