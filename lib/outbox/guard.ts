import type { Address, Draft } from '../draft';
import type { OutboxRow, RampartDb, SuppressionRow } from '../db';
import { capInputs } from '../dashboard/cap-figures';
import { reservationLimits } from '../enforce/limits';
import { reserve, type ReservationLimits } from '../enforce/reservations';
import { overall, type Verdict } from '../guardrails/finding';
import { verdict } from '../guardrails/verdict';
import { ledgerRecipients } from '../ledger';
import { suppressionRowsFor } from '../suppress/lookup';
import type { UserError } from '../messages';
import { buildSendEmail, messageBytes } from '../ses/message';
import { mergeFindings, unsendable } from './sendable';
import {
  defaultThresholds,
  distinctRecipients,
  recipientKey,
  type AccountSnapshot,
  type CapInputs,
  type GuardrailContext,
  type PinnedIdentity,
  type SuppressionEntry,
} from '../guardrails/context';
import { localDay } from '../ramp/calendar';
import { currentRamp, type CurrentRamp } from '../ramp-store/ramp';
import { RAMP_PLAN_KEY, RAMP_STATE_KEY } from '../ramp-store/records';
import { VDM_METRICS_KEY } from '../metrics/vdm';
import { statusKey } from '../sync/records';
import type { Settings } from '../settings';
import { accountSnapshot } from '../sync/account';
import { fromIdentity, verifiedIdentities } from '../sync/identities';

// What the guardrails look at for one draft, read from IndexedDB: the account snapshot,
// the identities, this draft's recipients' suppression rows and last sends (by key, never
// a whole list), the pinned identity and today's cap. Read again at send time: the verdict
// the compose window showed is advisory.

export const PINNED_IDENTITY_KEY = 'pinnedIdentity';


/**
 * The From every message goes out with: the identity configured in options (the one the
 * guardrails judge and the pin follows), whatever Gmail's own From field says.
 */
export function sendingIdentity(settings: Pick<Settings, 'fromAddress' | 'fromName'>): Address {
  return { email: settings.fromAddress.trim(), ...(settings.fromName.trim() ? { name: settings.fromName.trim() } : {}) };
}

/** The identity the SDR has been sending as: pinned on first send, moved only by a confirmed change. */
export async function pinnedIdentity(database: RampartDb): Promise<PinnedIdentity | null> {
  const row = await database.kv.get(PINNED_IDENTITY_KEY);
  return (row?.value as PinnedIdentity | undefined) ?? null;
}

/**
 * After a send: pin its From when nothing was pinned, or move the pin (and log the change)
 * when the SDR confirmed sending as someone else. Runs inside the caller's transaction.
 */
export async function pinAfterSend(database: RampartDb, from: Address, at: Date): Promise<void> {
  const pinned = await pinnedIdentity(database);
  const next: PinnedIdentity = { address: from.email.trim(), name: (from.name ?? '').trim() };
  if (pinned && recipientKey(pinned.address) === recipientKey(next.address) && pinned.name === next.name) return;
  await database.kv.put({ key: PINNED_IDENTITY_KEY, value: next, updatedAt: at.toISOString() });
  if (pinned) {
    await database.changeLog.add({
      at: at.toISOString(),
      kind: 'identity',
      message: `The From changed from “${pinned.name}” <${pinned.address}> to “${next.name}” <${next.address}>, confirmed at send.`,
      data: { from: pinned, to: next },
    });
  }
}

/** The cap figures and the reservation limits of today, from the ramp and the account snapshot. */
export interface TodayCap {
  inputs: CapInputs | null;
  limits: ReservationLimits;
  day: string;
}

/** Today's ramp: `currentRamp` evaluated afresh, or a memo of it (see rampMemo). */
export type RampReader = (now: Date, database: RampartDb) => Promise<CurrentRamp | undefined>;

/**
 * Today's ramp for the compose window's checks, evaluated again only when something it is
 * computed from has changed: the plan, the ramp state, VDM's counts, the suppression
 * sync, the ledger's latest send or the feedback counted per day — or after `ttlMs`, for
 * what moves with the clock alone (a freeze lifting, midnight). Evaluating the ramp reads
 * two weeks of the ledger, the slowest part of a check by far; a send always evaluates
 * it afresh.
 */
export function rampMemo(ttlMs = 60_000): RampReader {
  let memo: { key: string; at: number; ramp: CurrentRamp | undefined } | undefined;
  return async (now, database) => {
    const [records, latestSend, feedback] = await Promise.all([
      database.kv.bulkGet([RAMP_PLAN_KEY, RAMP_STATE_KEY, VDM_METRICS_KEY, statusKey('suppression')]),
      database.ledger.orderBy('sentAt').last(),
      database.feedbackDays.toArray(),
    ]);
    // The records themselves, not their times: two saves can share a millisecond.
    const key = JSON.stringify([records.map((r) => [r?.value, r?.updatedAt]), latestSend?.messageId ?? '', feedback]);
    if (memo && memo.key === key && Math.abs(now.getTime() - memo.at) < ttlMs) return memo.ramp;
    const ramp = await currentRamp(now, database);
    memo = { key, at: now.getTime(), ramp };
    return ramp;
  };
}

/**
 * Today's cap: the popup's figures (lib/dashboard/cap-figures.ts), so the compose window
 * and the popup always agree, and the reservation limits drawn from them.
 */
export async function todayCap(
  settings: Settings,
  now: Date,
  database: RampartDb,
  timeZone: string,
  readRamp: RampReader = currentRamp,
  /** The account snapshot, when the caller reads it anyway (one read per check). */
  accountRead: Promise<AccountSnapshot | null> = accountSnapshot(database),
): Promise<TodayCap> {
  const [ramp, account] = await Promise.all([readRamp(now, database), accountRead]);
  const day = ramp?.today.day ?? localDay(now, timeZone);
  const senderTag = settings.senderTag || settings.fromAddress;
  const inputs = await capInputs({ ramp, account, senderTag, now, database, day });
  return { inputs, limits: reservationLimits(inputs, account, now), day };
}

/** Reads recipients' rows from the suppression cache: every row, or through the lookup filter. */
export type SuppressionReader = (database: RampartDb, keys: readonly string[]) => Promise<(SuppressionRow | undefined)[]>;
const exactSuppressionRows: SuppressionReader = (database, keys) => database.suppression.bulkGet([...keys]);

export async function guardrailContext(
  draft: Draft,
  settings: Settings,
  now: Date,
  timeZone: string,
  database: RampartDb,
  readRamp: RampReader = currentRamp,
  readSuppression: SuppressionReader = exactSuppressionRows,
): Promise<GuardrailContext> {
  const keys = distinctRecipients(draft).map((a) => recipientKey(a.email));
  const from = sendingIdentity(settings);
  const accountRead = accountSnapshot(database);
  const [account, verified, fromStatus, pinned, suppressionRows, ledgerRows, cap] = await Promise.all([
    accountRead,
    verifiedIdentities(database),
    fromIdentity(from.email, database),
    pinnedIdentity(database),
    readSuppression(database, keys),
    keys.length > 0 ? database.ledger.where('recipients').anyOf(keys).toArray() : Promise.resolve([]),
    todayCap(settings, now, database, timeZone, readRamp, accountRead),
  ]);

  const suppression = new Map<string, SuppressionEntry>();
  suppressionRows.forEach((row, i) => {
    if (row) suppression.set(keys[i]!, { reason: row.reason, since: row.since });
  });
  const recentSends = new Map<string, string>();
  for (const row of ledgerRows) {
    for (const recipient of row.recipients) {
      if (!keys.includes(recipient)) continue;
      const known = recentSends.get(recipient);
      if (!known || known < row.sentAt) recentSends.set(recipient, row.sentAt);
    }
  }

  return {
    draft,
    settings: { fromName: settings.fromName, fromAddress: settings.fromAddress, avoidFromDomains: [] },
    thresholds: defaultThresholds,
    account,
    verifiedIdentities: verified,
    suppression,
    pinnedIdentity: pinned,
    fromIdentityStatus: fromStatus,
    recentSends,
    cap: cap.inputs,
    now,
    timeZone,
  };
}

/** The guardrails' verdict on a draft, with today's picture. */
export async function guardrailVerdict(draft: Draft, settings: Settings, now: Date, timeZone: string, database: RampartDb): Promise<Verdict> {
  return verdict(await guardrailContext(draft, settings, now, timeZone, database));
}

/**
 * The pre-send check the compose window shows: the guardrails' verdict and the checks of
 * what SES can send at all, each recipient's status, today's cap.
 */
export async function checkDraft(
  draft: Draft,
  settings: Settings,
  now: Date,
  timeZone: string,
  database: RampartDb,
  readRamp: RampReader = currentRamp,
): Promise<Verdict> {
  // The live check reads the cache through the lookup filter; the send reads every row.
  const judged = verdict(await guardrailContext(draft, settings, now, timeZone, database, readRamp, suppressionRowsFor));
  const from = sendingIdentity(settings);
  const message = unsendable(draft, from, messageBytes(buildSendEmail(draft, settings, { from })));
  const findings = mergeFindings(judged.findings, message);
  const invalid = new Set(message.filter((f) => f.recipient !== undefined).map((f) => recipientKey(f.recipient!)));
  return {
    verdict: overall(findings),
    findings,
    recipients: judged.recipients.map((r) =>
      r.status === 'ok' && invalid.has(recipientKey(r.email)) ? { ...r, status: 'invalid' as const } : r,
    ),
    cap: judged.cap,
  };
}

/** Takes the draft's recipients off today's cap; the sentence when the cap is reached. */
export async function reserveForSend(
  row: OutboxRow,
  settings: Settings,
  now: Date,
  timeZone: string,
  database: RampartDb,
): Promise<UserError | null> {
  const cap = await todayCap(settings, now, database, timeZone);
  const result = await reserve(row.id, ledgerRecipients(row.draft).length, cap.day, cap.limits, { now, database });
  return result.granted ? null : result.error;
}
