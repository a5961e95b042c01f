import type { Finding, Severity } from '@/lib/core/finding';
import type { GuardrailContext } from '@/lib/guardrails/context';
import { draftRecipientCount } from '@/lib/guardrails/cap';
import { findingSentence } from '@/lib/guardrails/sentence';

// SES: "The message may not include more than 50 recipients, across the To:, CC: and
// BCC: fields." It refuses the whole message; one-off outbound never needs that many.

export const id = 'too-many-recipients';
export const title = 'More recipients than SES takes in one message';
export const defaultSeverity: Severity = 'block';
export const overridable = false;

export function check(ctx: GuardrailContext): Finding[] {
  const count = draftRecipientCount(ctx.draft);
  const max = ctx.thresholds.maxRecipientsPerMessage;
  if (count <= max) return [];
  return [
    {
      code: 'too-many-recipients',
      severity: defaultSeverity,
      ...findingSentence('compose.finding.too-many-recipients', { count, max }),
    },
  ];
}
