import type { Finding, Severity } from '@/lib/core/finding';
import { emailKey } from '@/lib/core/email';
import { distinctRecipients, type GuardrailContext, type SuppressionReason } from '@/lib/guardrails/context';
import { formatDay } from '@/lib/guardrails/age';

// SES drops mail to an address on the account's suppression list and counts it against
// the account; Rampart's own suppressions (unsubscribes, a third soft bounce, manual) must
// hold for the whole team at once (docs/rules.md, Health).

export const id = 'suppressed-recipient';
export const title = 'Suppressed recipient';
export const defaultSeverity: Severity = 'block';
export const recipientStatus = 'suppressed';

const because: Record<SuppressionReason, string> = {
  BOUNCE: 'mail to it bounced',
  COMPLAINT: 'its owner complained (marked a message as spam)',
  UNSUBSCRIBE: 'its owner unsubscribed',
  MANUAL: 'it was suppressed manually',
};

export function check(ctx: GuardrailContext): Finding[] {
  return distinctRecipients(ctx.draft).flatMap(({ email }) => {
    const entry = ctx.suppression.get(emailKey(email));
    if (!entry) return [];
    const why = because[entry.reason] ?? `of ${String(entry.reason).toLowerCase()}`;
    return [
      {
        code: 'suppressed-recipient',
        severity: defaultSeverity,
        message: `${email} has been suppressed since ${formatDay(entry.since, ctx.timeZone)} because ${why}.`,
        recipient: email,
      },
    ];
  });
}
