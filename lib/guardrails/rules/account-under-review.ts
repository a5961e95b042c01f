import type { Finding, Severity } from '@/lib/core/finding';
import type { GuardrailContext } from '@/lib/guardrails/context';
import { findingSentence } from '@/lib/guardrails/sentence';

// EnforcementStatus PROBATION: AWS is reviewing the account, typically after a bounce
// rate over 5% or a complaint rate over 0.1%; it still sends, but more of either can
// pause it (docs/rules.md, Health).

export const id = 'account-under-review';
export const title = 'SES account under review (probation)';
export const defaultSeverity: Severity = 'warn';

export function check(ctx: GuardrailContext): Finding[] {
  if (ctx.account?.enforcementStatus !== 'PROBATION') return [];
  return [
    {
      code: 'account-probation',
      severity: defaultSeverity,
      ...findingSentence('compose.finding.account-probation', {}),
    },
  ];
}
