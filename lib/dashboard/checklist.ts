import type { AccountSnapshot } from '@/lib/guardrails/context';
import type { AccountSettingsRecord } from '@/lib/account/account-settings';
import type { HealthSourceName } from '@/lib/account/health-source';
import { quotaCheck } from '@/lib/ramp/plan';
import type { PlanRecord } from '@/lib/account/ramp-records';
import type { FromIdentityRecord } from '@/lib/store/records';
import type { CheckCode, CheckLine } from './view';

// docs/rules.md's five-minute check, shown until every line is green. A line whose facts
// have not been read yet is `unknown`, not green: it stays on screen.

export interface CheckFacts {
  account: AccountSnapshot | null;
  fromAddress: string;
  fromIdentity: FromIdentityRecord | null;
  plan: PlanRecord | undefined;
  accountSettings: AccountSettingsRecord | undefined;
  healthSource: HealthSourceName;
  /** Feedback events have been counted: the ledger source has every rate. */
  feedbackFlowing: boolean;
  contactList: string | undefined;
  now: Date;
}

export function fiveMinuteCheck(f: CheckFacts): CheckLine[] {
  return [productionAccess(f), domainAuth(f), planFitsQuota(f), monitoring(f), suppression(f)];
}

function productionAccess({ account, fromIdentity, fromAddress }: CheckFacts): CheckLine {
  const code = 'production-access';
  if (account && !account.productionAccessEnabled) {
    return {
      code,
      status: 'todo',
      sentence: 'The account is in the SES sandbox: ask AWS for production access.',
      detail: { reason: 'sandbox' },
    };
  }
  if (!account || !fromIdentity) return notSynced(code);
  const params = { identity: fromIdentity.identity, fromAddress };
  if (!fromIdentity.verifiedForSending) {
    return {
      code,
      status: 'todo',
      sentence: `${fromIdentity.identity} is not verified in SES: ${fromAddress} cannot send.`,
      detail: { reason: 'from-unverified', params },
    };
  }
  return {
    code,
    status: 'ok',
    sentence: `Production access granted; ${fromIdentity.identity} is verified.`,
    detail: { reason: 'access-ok', params },
  };
}

function domainAuth({ fromIdentity }: CheckFacts): CheckLine {
  const code = 'domain-auth';
  if (!fromIdentity) return notSynced(code);
  const identity = fromIdentity.identity;
  const missing = [
    fromIdentity.mailFromSet ? null : 'SPF (custom MAIL FROM)',
    fromIdentity.dkimStatus === 'SUCCESS' ? null : `DKIM (${fromIdentity.dkimStatus})`,
    fromIdentity.dmarcFound === false ? 'DMARC' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    return {
      code,
      status: 'todo',
      sentence: `Missing for ${identity}: ${missing.join(', ')}.`,
      detail: { reason: 'auth-missing', params: { identity, missing: missing.join(', ') } },
    };
  }
  if (fromIdentity.dmarcFound === null) {
    return {
      code,
      status: 'unknown',
      sentence: `SPF and DKIM are set up for ${identity}; check its DMARC record in DNS.`,
      detail: { reason: 'dmarc-unknown', params: { identity } },
    };
  }
  return {
    code,
    status: 'ok',
    sentence: `SPF, DKIM and DMARC are set up for ${identity}.`,
    detail: { reason: 'auth-ok', params: { identity } },
  };
}

function planFitsQuota({ plan, account, now }: CheckFacts): CheckLine {
  const code = 'plan-fits-quota';
  if (!plan) return { code, status: 'todo', sentence: 'No ramp plan yet: set one in the options.', detail: { reason: 'no-plan' } };
  if (!account) return { code, status: 'unknown', sentence: 'SES’s quota is not known yet.', detail: { reason: 'quota-unknown' } };
  if (account.max24HourSend < 0)
    return { code, status: 'ok', sentence: 'SES’s quota is unlimited.', detail: { reason: 'quota-unlimited' } };
  const check = quotaCheck(plan.plan, account.max24HourSend, now);
  const params = { needed: check.quotaNeeded, quota: check.max24HourSend, target: check.target };
  if (!check.increaseNeeded || !check.reachesOn) {
    return { code, status: 'ok', sentence: check.sentence, detail: { reason: 'quota-fits', params } };
  }
  return {
    code,
    status: 'todo',
    sentence: check.sentence,
    detail: {
      reason: 'quota-short',
      params: { ...params, date: check.reachesOn.date, day: check.reachesOn.dayNumber, askBy: check.askBy ?? '' },
    },
  };
}

function monitoring({ plan, healthSource, feedbackFlowing }: CheckFacts): CheckLine {
  const code = 'monitoring';
  const on = healthSource === 'vdm' || feedbackFlowing;
  const owner = plan?.monitoringOwner;
  if (!on) {
    return {
      code,
      status: 'todo',
      sentence: 'No feedback source: turn on SES VDM or the configuration set’s event queue.',
      detail: { reason: 'no-feedback' },
    };
  }
  if (!owner)
    return { code, status: 'todo', sentence: 'Monitoring is on; name its owner in the ramp plan.', detail: { reason: 'no-owner' } };
  return { code, status: 'ok', sentence: `Monitoring is on; ${owner} owns it.`, detail: { reason: 'monitoring-ok', params: { owner } } };
}

function suppression({ accountSettings, contactList }: CheckFacts): CheckLine {
  const code = 'suppression';
  if (!accountSettings) return notSynced(code);
  const reasons = accountSettings.suppressedReasons;
  const missing = [
    reasons.includes('BOUNCE') ? null : 'bounces',
    reasons.includes('COMPLAINT') ? null : 'complaints',
    contactList ? null : 'unsubscribes (no contact list)',
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    return {
      code,
      status: 'todo',
      sentence: `Not suppressed at once: ${missing.join(', ')}.`,
      detail: { reason: 'not-suppressed', params: { missing: missing.join(', ') } },
    };
  }
  return {
    code,
    status: 'ok',
    sentence: 'Bounces, complaints and unsubscribes are suppressed at once.',
    detail: { reason: 'suppression-ok' },
  };
}

function notSynced(code: CheckCode): CheckLine {
  return { code, status: 'unknown', sentence: 'Not synced with SES yet.', detail: { reason: 'not-synced' } };
}
