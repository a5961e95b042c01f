import type { AccountSnapshot } from '../guardrails/context';
import type { AccountSettingsRecord } from '../metrics/account-settings';
import type { HealthSourceName } from '../metrics/health-source';
import { quotaCheck } from '../ramp/plan';
import type { PlanRecord } from '../ramp-store/records';
import type { FromIdentityRecord } from '../sync/records';
import type { CheckLine } from './view';

// DESIGN.md's five-minute check, shown until every line is green. A line whose facts
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
    return { code, status: 'todo', sentence: 'The account is in the SES sandbox: ask AWS for production access.' };
  }
  if (!account || !fromIdentity) return { code, status: 'unknown', sentence: 'Not synced with SES yet.' };
  if (!fromIdentity.verifiedForSending) {
    return { code, status: 'todo', sentence: `${fromIdentity.identity} is not verified in SES: ${fromAddress} cannot send.` };
  }
  return { code, status: 'ok', sentence: `Production access granted; ${fromIdentity.identity} is verified.` };
}

function domainAuth({ fromIdentity }: CheckFacts): CheckLine {
  const code = 'domain-auth';
  if (!fromIdentity) return { code, status: 'unknown', sentence: 'Not synced with SES yet.' };
  const missing = [
    fromIdentity.mailFromSet ? null : 'SPF (custom MAIL FROM)',
    fromIdentity.dkimStatus === 'SUCCESS' ? null : `DKIM (${fromIdentity.dkimStatus})`,
    fromIdentity.dmarcFound === false ? 'DMARC' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) return { code, status: 'todo', sentence: `Missing for ${fromIdentity.identity}: ${missing.join(', ')}.` };
  if (fromIdentity.dmarcFound === null) {
    return { code, status: 'unknown', sentence: `SPF and DKIM are set up for ${fromIdentity.identity}; check its DMARC record in DNS.` };
  }
  return { code, status: 'ok', sentence: `SPF, DKIM and DMARC are set up for ${fromIdentity.identity}.` };
}

function planFitsQuota({ plan, account, now }: CheckFacts): CheckLine {
  const code = 'plan-fits-quota';
  if (!plan) return { code, status: 'todo', sentence: 'No ramp plan yet: set one in the options.' };
  if (!account) return { code, status: 'unknown', sentence: 'SES’s quota is not known yet.' };
  if (account.max24HourSend < 0) return { code, status: 'ok', sentence: 'SES’s quota is unlimited.' };
  const check = quotaCheck(plan.plan, account.max24HourSend, now);
  return { code, status: check.increaseNeeded ? 'todo' : 'ok', sentence: check.sentence };
}

function monitoring({ plan, healthSource, feedbackFlowing }: CheckFacts): CheckLine {
  const code = 'monitoring';
  const on = healthSource === 'vdm' || feedbackFlowing;
  const owner = plan?.monitoringOwner;
  if (!on) {
    return { code, status: 'todo', sentence: 'No feedback source: turn on SES VDM or the configuration set’s event queue.' };
  }
  if (!owner) return { code, status: 'todo', sentence: 'Monitoring is on; name its owner in the ramp plan.' };
  return { code, status: 'ok', sentence: `Monitoring is on; ${owner} owns it.` };
}

function suppression({ accountSettings, contactList }: CheckFacts): CheckLine {
  const code = 'suppression';
  if (!accountSettings) return { code, status: 'unknown', sentence: 'Not synced with SES yet.' };
  const reasons = accountSettings.suppressedReasons;
  const missing = [
    reasons.includes('BOUNCE') ? null : 'bounces',
    reasons.includes('COMPLAINT') ? null : 'complaints',
    contactList ? null : 'unsubscribes (no contact list)',
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) return { code, status: 'todo', sentence: `Not suppressed at once: ${missing.join(', ')}.` };
  return { code, status: 'ok', sentence: 'Bounces, complaints and unsubscribes are suppressed at once.' };
}
