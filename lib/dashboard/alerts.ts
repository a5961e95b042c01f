import type { AccountSnapshot } from '@/lib/guardrails/context';
import { rateDefinitions, type RateReport } from '@/lib/ramp/health';
import type { RampToday } from '@/lib/ramp/state';
import type { SyncPart, SyncPartStatus } from '@/lib/store/records';
import type { UserError } from '@/lib/core/errors';
import type { DashboardAlert } from './view';

// What the popup puts at the top: what stops or slows sending now, worst first.

export interface AlertFacts {
  configured: boolean;
  account: AccountSnapshot | null;
  ramp: RampToday | undefined;
  hasPlan: boolean;
  rates: readonly RateReport[];
  sync: Partial<Record<SyncPart, SyncPartStatus>>;
  /** The feedback poll's last failure, while it keeps failing (lib/feedback/poll.ts). */
  feedbackError?: UserError | undefined;
}

const rank = { alert: 0, warn: 1, info: 2 } as const;

export function activeAlerts(f: AlertFacts): DashboardAlert[] {
  const alerts: DashboardAlert[] = [];
  if (!f.configured) {
    alerts.push({ code: 'not-configured', severity: 'alert', sentence: 'Rampart is not set up yet: open the options.' });
  }
  if (f.account) {
    if (!f.account.sendingEnabled) {
      alerts.push({ code: 'sending-disabled', severity: 'alert', sentence: 'SES has sending disabled for this account.' });
    }
    if (f.account.enforcementStatus === 'SHUTDOWN') {
      alerts.push({ code: 'shutdown', severity: 'alert', sentence: 'AWS has shut down sending for this account.' });
    } else if (f.account.enforcementStatus === 'PROBATION') {
      alerts.push({ code: 'probation', severity: 'warn', sentence: 'The account is under review by AWS (probation).' });
    }
  }
  if (!f.hasPlan) alerts.push({ code: 'no-plan', severity: 'info', sentence: 'No ramp plan yet: only SES’s quota limits sending.' });
  for (const limit of f.ramp?.limits ?? []) {
    const severity =
      limit.code === 'paused' || limit.code === 'cut' || limit.code === 'frozen' ? 'alert' : limit.code === 'not-started' ? 'info' : 'warn';
    alerts.push({
      code: limit.code,
      severity,
      sentence: limit.sentence,
      ...(limit.code === 'frozen' && f.ramp?.freezeUntil ? { params: { until: f.ramp.freezeUntil } } : {}),
    });
  }
  for (const rate of f.rates) {
    if (rate.status !== 'warn' && rate.status !== 'alert') continue;
    const percent = Number((rate.percent ?? 0).toFixed(2));
    const limit = rate.status === 'alert' ? rate.threshold.alert : rate.threshold.warn;
    alerts.push({
      code: rate.status === 'alert' ? 'rate-alert' : 'rate-warn',
      severity: rate.status,
      sentence: `${rateDefinitions[rate.name].label} rate ${percent}% over the last 7 days (${rate.numerator} of ${rate.denominator}) ${rate.threshold.badWhen === 'below' ? 'is below' : 'reached'} the ${limit}% ${rate.status} level.`,
      params: { rate: rate.name, percent, numerator: rate.numerator ?? 0, denominator: rate.denominator ?? 0, limit },
    });
  }
  for (const [part, status] of Object.entries(f.sync)) {
    if (status?.error) {
      alerts.push({ code: 'sync-failed', severity: 'warn', sentence: status.error.message, params: { part } });
    }
  }
  // Bounces and complaints that cannot be read are not applied: nothing is suppressed.
  if (f.feedbackError) alerts.push({ code: 'feedback-failed', severity: 'warn', sentence: f.feedbackError.message });
  return alerts.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
