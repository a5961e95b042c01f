import type { Address, Draft } from '@/lib/core/draft';
import { emailKey } from '@/lib/core/email';
import type { OutboxRow, RampartDb, SuppressionRow } from '@/lib/store/db';
import { readRecord, writeRecord } from '@/lib/store/records';
import { capFigures, capInputs, plannedSendsLeft } from './cap-figures';
import { reservationLimits } from './limits';
import { reserve, type ReservationLimits } from './reservations';
import { overall, type Verdict } from '@/lib/core/finding';
import { verdict } from '@/lib/guardrails/verdict';
import { ledgerRecipients } from './ledger';
import type { UserError } from '@/lib/core/errors';
import { buildSendEmail, messageBytes } from '@/lib/aws/message';
import { mergeFindings, unsendable } from './sendable';
import {
  defaultThresholds,
  distinctRecipients,
  type AccountSnapshot,
  type CapInputs,
  type DomainFacts,
  type GuardrailContext,
  type PinnedIdentity,
  type SuppressionEntry,
} from '@/lib/guardrails/context';
import { addDays, localDay } from '@/lib/core/calendar';
import { health as healthOf, HEALTH_WINDOW_DAYS } from '@/lib/ramp/health';
import { runway as runwayOf, type Runway } from '@/lib/ramp/runway';
import { healthCounts, type HealthCounts } from '@/lib/account/health-source';
import { currentRamp } from '@/lib/account/ramp';
import { avoidFromDomainsOf, type Settings } from '@/lib/store/settings';
import { accountSnapshot } from '@/lib/account/snapshot';
import { fromIdentity, verifiedIdentities } from '@/lib/account/identities';
import { cachedSuppressions } from '@/lib/store/suppression-cache';
import { domainOf } from '@/lib/core/address';
import type { DomainReader } from './domain-check';

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
  return (await readRecord(PINNED_IDENTITY_KEY, database)) ?? null;
}

/**
 * After a send: pin its From when nothing was pinned, or move the pin (and log the change)
 * when the SDR confirmed sending as someone else. Runs inside the caller's transaction.
 */
export async function pinAfterSend(database: RampartDb, from: Address, at: Date): Promise<void> {
  const pinned = await pinnedIdentity(database);
  const next: PinnedIdentity = { address: from.email.trim(), name: (from.name ?? '').trim() };
  if (pinned && emailKey(pinned.address) === emailKey(next.address) && pinned.name === next.name) return;
  await writeRecord(PINNED_IDENTITY_KEY, next, at, database);
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
  /** Health's counts as the ramp read them; absent without a plan. */
  health?: HealthCounts;
}

/**
 * Today's cap: the popup's figures (lib/send/cap-figures.ts), so the compose window
 * and the popup always agree, and the reservation limits drawn from them.
 */
export async function todayCap(
  settings: Settings,
  now: Date,
  database: RampartDb,
  timeZone: string,
  /** The account snapshot, when the caller reads it anyway (one read per check). */
  accountRead: Promise<AccountSnapshot | null> = accountSnapshot(database),
): Promise<TodayCap> {
  const [ramp, account] = await Promise.all([currentRamp(now, database), accountRead]);
  const day = ramp?.today.day ?? localDay(now, timeZone);
  const senderTag = settings.senderTag || settings.fromAddress;
  const inputs = await capInputs({ ramp, account, senderTag, now, database, day });
  return { inputs, limits: reservationLimits(inputs, account, now), day, ...(ramp ? { health: ramp.health } : {}) };
}

/** What a check reads besides the draft's own recipients: the same for every draft. */
export interface AccountPicture {
  account: AccountSnapshot | null;
  verified: string[];
  fromStatus: Awaited<ReturnType<typeof fromIdentity>>;
  pinned: PinnedIdentity | null;
  cap: TodayCap;
  /** How many more hard bounces and complaints today's plan can take, as the popup shows it. */
  runway: Runway | null;
}

export async function accountPicture(settings: Settings, now: Date, timeZone: string, database: RampartDb): Promise<AccountPicture> {
  const accountRead = accountSnapshot(database);
  const [account, verified, fromStatus, pinned, cap] = await Promise.all([
    accountRead,
    verifiedIdentities(database),
    fromIdentity(sendingIdentity(settings).email, database),
    pinnedIdentity(database),
    todayCap(settings, now, database, timeZone, accountRead),
  ]);
  return { account, verified, fromStatus, pinned, cap, runway: await todayRunway(cap, database) };
}

/**
 * The runway the popup shows (lib/dashboard/build.ts), from the counts the ramp read, or
 * read here when there is no plan. A read that fails leaves it unknown: it only warns.
 */
async function todayRunway(cap: TodayCap, database: RampartDb): Promise<Runway | null> {
  try {
    const counts = cap.health ?? (await healthCounts(addDays(cap.day, -(HEALTH_WINDOW_DAYS - 1)), cap.day, database));
    const week = healthOf(counts.counts, cap.day).lastSevenDays;
    const figures = capFigures(cap.inputs);
    return runwayOf({ counts: week.counts, plannedSends: plannedSendsLeft(figures), accountSends: figures.ses?.sentLast24Hours ?? 0 });
  } catch {
    return null;
  }
}

/** Reads recipients' rows from the suppression cache: every row, or through the lookup filter. */
export type SuppressionReader = (database: RampartDb, keys: readonly string[]) => Promise<(SuppressionRow | undefined)[]>;
const exactSuppressionRows: SuppressionReader = cachedSuppressions;

/** Each recipient's latest send in the ledger (ISO), for the keys that have one. */
export type RecentSendsReader = (database: RampartDb, keys: readonly string[]) => Promise<Map<string, string>>;
export const ledgerRecentSends: RecentSendsReader = async (database, keys) => {
  const recentSends = new Map<string, string>();
  if (keys.length === 0) return recentSends;
  const wanted = new Set(keys);
  for (const row of await database.ledger
    .where('recipients')
    .anyOf([...keys])
    .toArray()) {
    for (const recipient of row.recipients) {
      if (!wanted.has(recipient)) continue;
      const known = recentSends.get(recipient);
      if (!known || known < row.sentAt) recentSends.set(recipient, row.sentAt);
    }
  }
  return recentSends;
};

/** How a check reads the recipients' rows (the send path: every row, straight). */
export interface RecipientReaders {
  suppression: SuppressionReader;
  recentSends: RecentSendsReader;
}
const exactReaders: RecipientReaders = { suppression: exactSuppressionRows, recentSends: ledgerRecentSends };

/**
 * How a check reads what it judges. By default (the send path) everything is read
 * afresh; the compose window's live check passes the account picture it holds and its
 * filtered recipient readers (lib/send/live-check.ts).
 */
export interface CheckReads {
  readers?: RecipientReaders;
  picture?: AccountPicture;
  /** The recipient check (lib/send/domain-check.ts) and how long a check waits on an uncached domain; none: not run. */
  domains?: { read: DomainReader; waitMs: number };
}

export async function guardrailContext(
  draft: Draft,
  settings: Settings,
  now: Date,
  timeZone: string,
  database: RampartDb,
  { readers = exactReaders, picture, domains }: CheckReads = {},
): Promise<GuardrailContext> {
  const keys = distinctRecipients(draft).map((a) => emailKey(a.email));
  const [{ account, verified, fromStatus, pinned, cap, runway }, suppressionRows, recentSends] = await Promise.all([
    picture ?? accountPicture(settings, now, timeZone, database),
    readers.suppression(database, keys),
    readers.recentSends(database, keys),
  ]);
  // Asked after the rest: a cached domain adds nothing, an uncached one at most `waitMs`.
  const recipientDomains = domains ? await readDomains(domains, keys) : undefined;

  const suppression = new Map<string, SuppressionEntry>();
  suppressionRows.forEach((row, i) => {
    if (row) suppression.set(keys[i]!, { reason: row.reason, since: row.since });
  });

  return {
    draft,
    settings: {
      fromName: settings.fromName,
      fromAddress: settings.fromAddress,
      avoidFromDomains: avoidFromDomainsOf(settings),
      ...(settings.replyTo?.trim() ? { replyTo: settings.replyTo.trim() } : {}),
    },
    thresholds: defaultThresholds,
    account,
    verifiedIdentities: verified,
    suppression,
    pinnedIdentity: pinned,
    fromIdentityStatus: fromStatus,
    recentSends,
    cap: cap.inputs,
    runway,
    ...(recipientDomains ? { recipientDomains } : {}),
    now,
    timeZone,
  };
}

/** The recipient check never fails a verdict: what it cannot say is "not checked". */
async function readDomains(
  domains: NonNullable<CheckReads['domains']>,
  keys: readonly string[],
): Promise<Map<string, DomainFacts> | undefined> {
  try {
    return await domains.read(
      keys.map((key) => domainOf(key)),
      domains.waitMs,
    );
  } catch {
    return undefined;
  }
}

/** The guardrails' verdict on a draft, with today's picture. */
export async function guardrailVerdict(
  draft: Draft,
  settings: Settings,
  now: Date,
  timeZone: string,
  database: RampartDb,
  reads: CheckReads = {},
): Promise<Verdict> {
  return verdict(await guardrailContext(draft, settings, now, timeZone, database, reads));
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
  reads: CheckReads = {},
): Promise<Verdict> {
  const judged = verdict(await guardrailContext(draft, settings, now, timeZone, database, reads));
  const from = sendingIdentity(settings);
  const message = unsendable(draft, from, messageBytes(buildSendEmail(draft, settings, { from })));
  const findings = mergeFindings(judged.findings, message);
  const invalid = new Set(message.filter((f) => f.recipient !== undefined).map((f) => emailKey(f.recipient!)));
  return {
    verdict: overall(findings),
    findings,
    recipients: judged.recipients.map((r) =>
      (r.status === 'ok' || r.status === 'warn') && invalid.has(emailKey(r.email)) ? { ...r, status: 'invalid' as const } : r,
    ),
    cap: judged.cap,
    from,
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
