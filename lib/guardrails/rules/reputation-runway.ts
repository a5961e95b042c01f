import type { Finding, Severity } from '@/lib/core/finding';
import type { GuardrailContext } from '@/lib/guardrails/context';
import { draftRecipientCount } from '@/lib/guardrails/cap';
import { shortForDraft } from '@/lib/ramp/runway';
import { findingSentence } from '@/lib/guardrails/sentence';

// The reputation runway (docs/rules.md): when this draft's recipients, all bouncing, would
// take today's hard-bounce rate to Rampart's alert level, say so before it goes — one
// confirmation, sized to the draft. The runway itself is computed in lib/ramp/runway.ts.

export const id = 'reputation-runway';
export const title = 'Short reputation runway';
export const defaultSeverity: Severity = 'warn';

export function check(ctx: GuardrailContext): Finding[] {
  const runway = ctx.runway;
  const recipients = draftRecipientCount(ctx.draft);
  if (!runway?.hardBounces || !shortForDraft(runway, recipients)) return [];
  const { alert, review, alertPercent, reviewPercent } = runway.hardBounces;
  const params = { alert, review, recipients, alertPercent: `${alertPercent}%`, reviewPercent: `${reviewPercent}%` };
  return [
    {
      code: 'reputation-runway-short',
      severity: defaultSeverity,
      ...findingSentence('compose.finding.runway-short', params),
    },
  ];
}
