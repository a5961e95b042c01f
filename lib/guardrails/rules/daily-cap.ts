import type { Finding, Severity } from '@/lib/core/finding';
import type { GuardrailContext } from '@/lib/guardrails/context';
import { describeLimit, draftRecipientCount, remainingToday } from '@/lib/guardrails/cap';
import { findingSentence } from '@/lib/guardrails/sentence';

// The ramp protects a young account's reputation; SES's own quota refuses with "Daily
// message quota exceeded." Both are counted in recipients (docs/rules.md, "Team cap and my cap").

export const id = 'daily-cap';
export const title = 'Daily cap reached';
export const defaultSeverity: Severity = 'block';

export function check(ctx: GuardrailContext): Finding[] {
  // Neither a ramp plan nor an account snapshot: today's cap is unknown, and an unknown
  // cap is not an open one (a young account's first sends are the ones that must be capped).
  if (!ctx.cap) {
    return draftRecipientCount(ctx.draft) === 0
      ? []
      : [{ code: 'daily-cap-unknown', severity: defaultSeverity, ...findingSentence('compose.finding.cap-unknown', {}) }];
  }
  const cap = remainingToday(ctx.cap);
  const count = draftRecipientCount(ctx.draft);
  if (count === 0) return [];
  // No plan and an unlimited SES quota (-1): no limit at all is not an open cap either.
  if (!cap) return [{ code: 'daily-cap-no-plan', severity: defaultSeverity, ...findingSentence('compose.finding.cap-no-plan', {}) }];
  if (count <= cap.remaining) return [];
  // A cap of 0 is a plan that has not started or a pause (docs/rules.md, automatic actions).
  const message =
    cap.of === 0
      ? `Nothing can be sent today: ${describeLimit(cap)} is 0.`
      : cap.remaining === 0
        ? `No sends are left today: ${describeLimit(cap)} is used up.`
        : `This draft has ${count} recipients but only ${cap.remaining} ${cap.remaining === 1 ? 'send is' : 'sends are'} left today, under ${describeLimit(cap)}.`;
  return [{ code: 'daily-cap-reached', severity: defaultSeverity, message }];
}
