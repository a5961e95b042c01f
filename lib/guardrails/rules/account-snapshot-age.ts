import type { Finding, Severity } from '@/lib/core/finding';
import type { GuardrailContext } from '@/lib/guardrails/context';
import { formatAge } from '@/lib/guardrails/age';
import { findingSentence } from '@/lib/guardrails/sentence';

// Quota, sandbox and enforcement come from the last GetAccount Rampart read. An old
// snapshot can miss a pause or a probation AWS applied since, so its age is said.

export const id = 'account-snapshot-age';
export const title = 'SES account picture missing or out of date';
export const defaultSeverity: Severity = 'warn';

export function check(ctx: GuardrailContext): Finding[] {
  if (!ctx.account) {
    return [{ code: 'account-unknown', severity: defaultSeverity, ...findingSentence('compose.finding.account-unknown', {}) }];
  }
  const syncedAt = Date.parse(ctx.account.syncedAt);
  if (Number.isNaN(syncedAt)) {
    return [
      {
        code: 'account-unknown',
        severity: defaultSeverity,
        message: 'Rampart does not know when it last read the SES account, so its quota and status may be out of date.',
      },
    ];
  }
  const ageMs = ctx.now.getTime() - syncedAt;
  const minutes = ageMs / 60_000;
  const { accountStaleInfoMinutes, accountStaleWarnMinutes } = ctx.thresholds;
  if (minutes < accountStaleInfoMinutes) return [];
  const severity: Severity = minutes >= accountStaleWarnMinutes ? defaultSeverity : 'info';
  return [
    {
      code: 'account-stale',
      severity,
      message: `Rampart last read the SES account ${formatAge(ageMs)} ago; its quota and status may have changed since.`,
    },
  ];
}
