// The SES account: GetAccount with a live SentLast24Hours, and the quota and rate that
// SendEmail is held to. Both are counted in recipients, as SES counts them.
import type { Emulator } from '../context';
import { DAY_MS } from '../clock';
import { AwsError, badRequest } from '../http/errors';
import { SANDBOX_QUOTA, type Account, type State } from '../state';

/** Recipients sent in the rolling 24 hours before now (emulator clock). */
export function sentLast24Hours(state: State, nowMs: number): number {
  return state.quotaLog
    .filter((entry) => entry.atMs > nowMs - DAY_MS && entry.atMs <= nowMs)
    .reduce((sum, entry) => sum + (entry.daily ?? entry.recipients), 0);
}

function sentLastSecond(state: State, nowMs: number): number {
  return state.quotaLog
    .filter((entry) => entry.atMs > nowMs - 1000 && entry.atMs <= nowMs)
    .reduce((sum, entry) => sum + entry.recipients, 0);
}

/**
 * Refuses a send of `recipients` that would pass the daily quota or the per-second rate.
 * A lone message with more recipients than MaxSendRate still goes when nothing else was
 * sent in the last second: SES lets a single call burst rather than make it impossible.
 */
export function checkQuota(state: State, nowMs: number, recipients: number, daily = recipients): void {
  const quota = state.account.SendQuota;
  if (quota.Max24HourSend >= 0 && daily > 0 && sentLast24Hours(state, nowMs) + daily > quota.Max24HourSend) {
    throw new AwsError(429, 'TooManyRequestsException', 'Daily message quota exceeded.');
  }
  const lastSecond = sentLastSecond(state, nowMs);
  if (lastSecond > 0 && lastSecond + recipients > quota.MaxSendRate) {
    throw new AwsError(429, 'TooManyRequestsException', 'Maximum sending rate exceeded.');
  }
}

/** `daily`: the recipients that count toward the daily quota (the mailbox simulator's count toward the rate only). */
export function countSend(state: State, nowMs: number, recipients: number, daily = recipients): void {
  state.quotaLog.push({ atMs: nowMs, recipients, daily });
}

export function getAccount(emulator: Emulator): unknown {
  const { account } = emulator.state;
  return {
    ...account.extra,
    DedicatedIpAutoWarmupEnabled: account.DedicatedIpAutoWarmupEnabled,
    EnforcementStatus: account.EnforcementStatus,
    ProductionAccessEnabled: account.ProductionAccessEnabled,
    SendingEnabled: account.SendingEnabled,
    SendQuota: {
      Max24HourSend: account.SendQuota.Max24HourSend,
      MaxSendRate: account.SendQuota.MaxSendRate,
      SentLast24Hours: sentLast24Hours(emulator.state, emulator.clock.now()),
    },
    SuppressionAttributes: { SuppressedReasons: [...account.SuppressionAttributes.SuppressedReasons] },
    VdmAttributes: structuredClone(account.VdmAttributes),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (isObject(value) && isObject(current)) deepMerge(current, value);
    else target[key] = structuredClone(value);
  }
}

const KNOWN_KEYS = new Set([
  'ProductionAccessEnabled',
  'EnforcementStatus',
  'SendingEnabled',
  'DedicatedIpAutoWarmupEnabled',
  'SendQuota',
  'SuppressionAttributes',
  'VdmAttributes',
  'VdmEnabled',
]);

function expect(condition: boolean, message: string): void {
  if (!condition) throw badRequest(message);
}

/**
 * `POST /_local/account`: deep-merges the body into the account. Leaving or entering the
 * sandbox swaps the quota (200 / 24 h, 1 / s in the sandbox) unless the body sets it too;
 * `SendQuota.SentLast24Hours: n` means "as if exactly n recipients were sent just now".
 * `VdmEnabled` is accepted at the top level as a shorthand for VdmAttributes.VdmEnabled.
 */
export function mergeAccount(emulator: Emulator, patch: Record<string, unknown>): void {
  const account: Account = emulator.state.account;
  const quotaPatch = isObject(patch.SendQuota) ? patch.SendQuota : {};
  for (const key of ['Max24HourSend', 'MaxSendRate', 'SentLast24Hours'] as const) {
    if (key in quotaPatch)
      expect(typeof quotaPatch[key] === 'number' && Number.isFinite(quotaPatch[key]), `SendQuota.${key} must be a number.`);
  }
  for (const key of ['ProductionAccessEnabled', 'SendingEnabled', 'DedicatedIpAutoWarmupEnabled'] as const) {
    if (key in patch) expect(typeof patch[key] === 'boolean', `${key} must be true or false.`);
  }
  if ('EnforcementStatus' in patch) expect(typeof patch.EnforcementStatus === 'string', 'EnforcementStatus must be a string.');
  const reasons = isObject(patch.SuppressionAttributes) ? patch.SuppressionAttributes.SuppressedReasons : undefined;
  if (reasons !== undefined) {
    expect(
      Array.isArray(reasons) && reasons.every((r) => r === 'BOUNCE' || r === 'COMPLAINT'),
      'SuppressionAttributes.SuppressedReasons must list BOUNCE and/or COMPLAINT.',
    );
  }

  if (typeof patch.ProductionAccessEnabled === 'boolean' && patch.ProductionAccessEnabled !== account.ProductionAccessEnabled) {
    if (!patch.ProductionAccessEnabled) {
      account.productionQuota = { ...account.SendQuota };
      account.SendQuota = { ...SANDBOX_QUOTA };
    } else {
      account.SendQuota = { ...account.productionQuota };
    }
    account.ProductionAccessEnabled = patch.ProductionAccessEnabled;
  }
  if (typeof patch.SendingEnabled === 'boolean') account.SendingEnabled = patch.SendingEnabled;
  if (typeof patch.DedicatedIpAutoWarmupEnabled === 'boolean') account.DedicatedIpAutoWarmupEnabled = patch.DedicatedIpAutoWarmupEnabled;
  if (typeof patch.EnforcementStatus === 'string') account.EnforcementStatus = patch.EnforcementStatus;
  if (typeof quotaPatch.Max24HourSend === 'number') account.SendQuota.Max24HourSend = quotaPatch.Max24HourSend;
  if (typeof quotaPatch.MaxSendRate === 'number') account.SendQuota.MaxSendRate = quotaPatch.MaxSendRate;
  if (account.ProductionAccessEnabled) account.productionQuota = { ...account.SendQuota };
  if (typeof quotaPatch.SentLast24Hours === 'number') {
    emulator.state.quotaLog = [{ atMs: emulator.clock.now(), recipients: quotaPatch.SentLast24Hours }];
  }
  if (Array.isArray(reasons)) account.SuppressionAttributes.SuppressedReasons = [...new Set(reasons as string[])];
  if (isObject(patch.VdmAttributes)) deepMerge(account.VdmAttributes as unknown as Record<string, unknown>, patch.VdmAttributes);
  if ('VdmEnabled' in patch) {
    const value = patch.VdmEnabled;
    expect(
      typeof value === 'boolean' || value === 'ENABLED' || value === 'DISABLED',
      'VdmEnabled must be true, false, "ENABLED" or "DISABLED".',
    );
    account.VdmAttributes.VdmEnabled = value === true || value === 'ENABLED' ? 'ENABLED' : 'DISABLED';
  }
  for (const [key, value] of Object.entries(patch)) {
    if (KNOWN_KEYS.has(key)) continue;
    if (isObject(value) && isObject(account.extra[key])) deepMerge(account.extra[key] as Record<string, unknown>, value);
    else account.extra[key] = structuredClone(value);
  }
}
