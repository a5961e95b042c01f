import type { Finding, Severity } from '@/lib/core/finding';
import type { GuardrailContext } from '@/lib/guardrails/context';
import { findingSentence } from '@/lib/guardrails/sentence';

// GetAccount: SendingEnabled=false (paused, by AWS or by the team) or EnforcementStatus
// SHUTDOWN. SES refuses every send; saying so before the click saves a failed attempt.

export const id = 'account-not-sending';
export const title = 'SES account not sending (paused or shut down)';
export const defaultSeverity: Severity = 'block';

export function check(ctx: GuardrailContext): Finding[] {
  const account = ctx.account;
  if (!account) return [];
  const findings: Finding[] = [];
  if (account.enforcementStatus === 'SHUTDOWN') {
    findings.push({
      code: 'account-shutdown',
      severity: defaultSeverity,
      ...findingSentence('compose.finding.account-shutdown', {}),
    });
  }
  if (!account.sendingEnabled) {
    findings.push({
      code: 'account-sending-disabled',
      severity: defaultSeverity,
      ...findingSentence('compose.finding.account-sending-disabled', {}),
    });
  }
  return findings;
}
