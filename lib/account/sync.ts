import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Clock } from '@/lib/core/clock';
import { db, type RampartDb } from '@/lib/store/db';
import { backgroundClock } from '@/lib/aws/clock';
import type { UserError } from '@/lib/core/errors';
import { awsClients } from '@/lib/aws/client';
import { describeError, explainAwsError } from '@/lib/aws/errors';
import { dohResolver, loadSettings, settingsItem } from '@/lib/store/settings';
import { syncAccount } from './snapshot';
import { syncIdentities, type DmarcLookup } from './identities';
import { lookupDmarc } from './dmarc';
import { recordFailed, recordSynced, type SyncPart } from '@/lib/store/records';
import { suppressionCursor, syncSuppression, type SuppressionSyncResult } from '@/lib/suppression/sync';
import { currentTeamSettingsAccess, syncTeamSettings, type TeamSyncOutcome } from './team-settings';

// Keeping the account picture fresh: GetAccount, the identities and the suppression
// list, synced together at start, every 15 minutes on an alarm, on a settings change and
// when the user asks ("sync now"). Each part succeeds or fails on its own; a failed part
// keeps its last picture and records the error (lib/store/records.ts).

export const SYNC_ALARM = 'rampart.sync';
export const SYNC_PERIOD_MINUTES = 15;
/** A full suppression sync (the only way to see removals) at least this often. */
export const FULL_SYNC_EVERY_MS = 6 * 60 * 60_000;

export interface SyncTarget {
  ses: SESv2Client;
  fromAddress: string;
  /** Names the SES account behind `ses`: a different one means the cache is someone else's. */
  accountKey: string;
  now: Clock;
  /** Called once when AWS says the credentials expired, before the part is retried. */
  renewCredentials?: () => void;
  /** The From domain's DMARC lookup (DNS-over-HTTPS); without it, DMARC stays unknown. */
  dmarc?: DmarcLookup;
  database?: RampartDb;
}

export interface SyncOutcome {
  ok: boolean;
  at: string;
  errors: Partial<Record<SyncPart, UserError>>;
  suppression?: SuppressionSyncResult;
  /** The team's settings object, read after the account (absent without a bucket). */
  team?: TeamSyncOutcome;
}

/** Run one part, retrying once on expired credentials, and record how it went. */
async function runPart<T>(part: SyncPart, target: SyncTarget, job: () => Promise<T>): Promise<T> {
  const database = target.database ?? db();
  try {
    let result: T;
    try {
      result = await job();
    } catch (error) {
      if (!target.renewCredentials || explainAwsError(error).disposition !== 'renew-credentials') throw error;
      target.renewCredentials();
      result = await job();
    }
    await recordSynced(part, target.now(), database);
    return result;
  } catch (error) {
    await recordFailed(part, target.now(), syncError(part, error), database);
    throw error;
  }
}

function syncError(part: SyncPart, error: unknown): UserError {
  const { code, message } = describeError(error);
  const what = { account: 'the account’s quota and status', identities: 'the verified identities', suppression: 'the suppression list' }[
    part
  ];
  return { code, message: `Rampart could not sync ${what} from SES: ${message}` };
}

/** Sync every part of the picture from `target`. */
export async function syncAll(target: SyncTarget, options: { full?: boolean } = {}): Promise<SyncOutcome> {
  const database = target.database ?? db();
  const cursor = await suppressionCursor(database);
  const lastFull = cursor?.lastFullAt ? Date.parse(cursor.lastFullAt) : undefined;
  const full =
    options.full === true ||
    lastFull === undefined ||
    target.now().getTime() - lastFull >= FULL_SYNC_EVERY_MS ||
    cursor?.accountKey !== target.accountKey;

  const [account, identities, suppression] = await Promise.allSettled([
    runPart('account', target, () => syncAccount(target.ses, target.now, database)),
    runPart('identities', target, () => syncIdentities(target.ses, target.fromAddress, target.now, database, target.dmarc)),
    runPart('suppression', target, () =>
      syncSuppression(target.ses, full ? 'full' : 'incremental', target.now, database, target.accountKey),
    ),
  ]);
  const errors: SyncOutcome['errors'] = {};
  if (account.status === 'rejected') errors.account = syncError('account', account.reason);
  if (identities.status === 'rejected') errors.identities = syncError('identities', identities.reason);
  if (suppression.status === 'rejected') errors.suppression = syncError('suppression', suppression.reason);
  const outcome: SyncOutcome = { ok: Object.keys(errors).length === 0, at: target.now().toISOString(), errors };
  if (suppression.status === 'fulfilled') outcome.suppression = suppression.value;
  return outcome;
}

/** The target the stored settings point at. */
async function currentTarget(): Promise<SyncTarget> {
  const settings = await loadSettings();
  const clients = awsClients(settings);
  return {
    ses: clients.sesRead,
    fromAddress: settings.fromAddress,
    accountKey: `${clients.target.region}|${clients.target.endpoint ?? ''}`,
    now: await backgroundClock(),
    renewCredentials: () => clients.credentials.invalidate(),
    dmarc: (domain) => lookupDmarc(domain, dohResolver(settings)),
  };
}

// At most one sync runs and one waits: a sync asked for while another runs starts
// after it (with the settings of that moment), and later askers share the waiting one.
let running: Promise<SyncOutcome> | undefined;
let waiting: { promise: Promise<SyncOutcome>; full: boolean } | undefined;

/** Sync now, with the current settings; the promise settles when this sync has run. */
export function syncNow(options: { full?: boolean } = {}): Promise<SyncOutcome> {
  const full = options.full === true;
  if (waiting && (waiting.full || !full)) return waiting.promise;
  let tracked: Promise<SyncOutcome> | undefined = undefined;
  const start = async (): Promise<SyncOutcome> => {
    if (waiting?.promise === tracked) waiting = undefined;
    const target = await currentTarget();
    const outcome = await syncAll(target, { full });
    // The lead's plan and resumes reach this browser here (lib/account/team-settings.ts).
    const team = await currentTeamSettingsAccess().catch(() => undefined);
    if (team) outcome.team = await syncTeamSettings(team, target.now());
    return outcome;
  };
  const queued: Promise<SyncOutcome> = (running ?? Promise.resolve()).catch(() => undefined).then(start);
  tracked = queued.finally(() => {
    if (running === tracked) running = undefined;
  });
  if (running) waiting = { promise: tracked, full };
  running = tracked;
  return tracked;
}

/** What a sync now answers: how it went, and its first error as a sentence. */
export interface SyncReply {
  ok: boolean;
  at: string;
  error?: UserError;
}

/** The `sync` message: sync now and say how it went, in one sentence when it failed. */
export async function handleSync(): Promise<SyncReply> {
  const outcome = await syncNow();
  const firstError = Object.values(outcome.errors)[0] ?? outcome.team?.error;
  return firstError ? { ok: false, at: outcome.at, error: firstError } : { ok: true, at: outcome.at };
}

/**
 * Registers the sync schedule's listeners. Call it synchronously in the background's
 * main: a worker woken by the alarm must find its listener at once.
 */
export function registerSyncListeners(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncNow();
  });
  browser.runtime.onStartup.addListener(() => void syncNow());
  browser.runtime.onInstalled.addListener(() => void syncNow({ full: true }));
  // A new endpoint, region or From is a new picture to read.
  settingsItem.watch(() => void syncNow());
  void ensureAlarm();
}

/** Create the alarm once: creating it on every wake-up would keep pushing it back. */
async function ensureAlarm(): Promise<void> {
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (!existing) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES, delayInMinutes: 1 });
}
