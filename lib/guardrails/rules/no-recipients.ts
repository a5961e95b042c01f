import type { Finding, Severity } from '@/lib/core/finding';
import type { GuardrailContext } from '@/lib/guardrails/context';
import { draftRecipientCount } from '@/lib/guardrails/cap';
import { findingSentence } from '@/lib/guardrails/sentence';

export const id = 'no-recipients';
export const title = 'No recipients';
export const defaultSeverity: Severity = 'block';
// SES refuses a message without a destination; there is nothing to decide.
export const overridable = false;

export function check(ctx: GuardrailContext): Finding[] {
  if (draftRecipientCount(ctx.draft) > 0) return [];
  return [{ code: 'no-recipients', severity: defaultSeverity, ...findingSentence('compose.finding.no-recipients', {}) }];
}
