import { db, type RampartDb } from './db';
import type { AccountSnapshot, FromIdentityStatus, PinnedIdentity } from '@/lib/core/account';
import type { CalendarDay, DailyCounts } from '@/lib/core/calendar';
import type { UserError } from '@/lib/core/errors';

// IndexedDB's key-value table (`kv`): small records, each under a key named here with
// the shape stored under it (RecordTypes), so a writer and a reader cannot drift apart
// and nothing is cast on read outside this file. The suppression filter's own keys
// (lib/store/suppression-filter.ts) stay private to it.

export const ACCOUNT_KEY = 'account';
export const IDENTITIES_KEY = 'identities';
export const FROM_IDENTITY_KEY = 'fromIdentity';
export const SUPPRESSION_CURSOR_KEY = 'suppressionSync';

/** The three parts of the picture, each synced and dated on its own. */
export type SyncPart = 'account' | 'identities' | 'suppression';
export const syncParts: readonly SyncPart[] = ['account', 'identities', 'suppression'];

export interface IdentitySummary {
  /** Lower-cased address or domain. */
  name: string;
  type: string; // EMAIL_ADDRESS | DOMAIN | MANAGED_DOMAIN
  verified: boolean;
  sendingEnabled: boolean;
}

export interface IdentitiesRecord {
  identities: IdentitySummary[];
  syncedAt: string;
}

export interface FromIdentityRecord extends FromIdentityStatus {
  /** The From address this status was read for: a changed From is not covered by it. */
  fromAddress: string;
  syncedAt: string;
}

export interface SuppressionCursor {
  /** The SES account (region and endpoint) the cache was read from. */
  accountKey?: string;
  /** Latest `LastUpdateTime` SES has shown us: incremental syncs ask from just before it. */
  highWater?: string;
  /** Number of the last full sync started (rows carry the run that last saw them). */
  fullRun: number;
  lastFullAt?: string;
  lastIncrementalAt?: string;
  /**
   * A full sync not finished yet (a worker stopped, a page failed): the next sync takes
   * it up from `nextToken` under the same run, so a million addresses are not read again
   * from the first page.
   */
  fullInProgress?: { run: number; nextToken: string; entries: number; highWater?: string };
}

/** How one part's last sync went: a failure keeps the old picture and says how old it is. */
export interface SyncPartStatus {
  /** When the picture this part holds was read from SES; absent: never. */
  syncedAt?: string;
  attemptedAt: string;
  error?: UserError;
}

export const statusKey = (part: SyncPart) => `sync:${part}` as const;

/** What GetAccount says of VDM and of the account's suppression settings. */
export interface AccountSettingsRecord {
  /** `VdmAttributes.VdmEnabled` is `ENABLED`; undefined when SES did not say. */
  vdmEnabled?: boolean;
  /** `SuppressionAttributes.SuppressedReasons`: BOUNCE, COMPLAINT. */
  suppressedReasons: string[];
  syncedAt: string;
}

/** SES's VDM counts per day, or why VDM could not be read. */
export type VdmRecord =
  | { enabled: true; syncedAt: string; from: CalendarDay; to: CalendarDay; counts: DailyCounts[]; failed?: string[] }
  | { enabled: false; syncedAt: string; reason: UserError };

/** How the feedback poll is doing: what the popup shows when events stop arriving. */
export interface FeedbackStatus {
  lastPollAt?: string;
  /** When the newest event applied so far happened. */
  lastEventAt?: string;
  lastError?: UserError;
  /** Failed polls in a row; the next attempt waits longer each time. */
  failures: number;
  nextAttemptAt?: string;
  /** Feedback messages (in the last 14 days) Rampart could not read, each counted once. */
  unreadable?: number;
  /** Why the latest of them could not be read. */
  unreadableReason?: string;
}

/** The SQS queue the feedback poll last found for this sender, and for which target. */
export interface FeedbackQueueRecord {
  name: string;
  targetKey: string;
  url: string;
}

/** What this browser last took from the team's settings object (lib/account/team-settings.ts). */
export interface TeamSettingsRecord {
  /** S3's ETag of the object last read: the next read asks If-None-Match. */
  etag: string | null;
  /** The object's revision last read. */
  revision: number;
  /** Ids of the lead's resumes already applied here (each applies once). */
  appliedResumes: string[];
  readAt: string;
}

/**
 * The last fire drill (lib/feedback/drill.ts): its messages to SES's mailbox simulator and
 * what came back. Kept here and nowhere else: no ledger row, day count or suppression.
 */
export interface DrillRecord {
  id: string;
  startedAt: string;
  /** The configuration set and sender tag the drill's messages carried. */
  configurationSet: string;
  senderTag: string;
  sends: Array<{ scenario: string; address: string; messageId?: string; error?: UserError }>;
  /** When the sends were all made (accepted or refused); absent while they go out. The events' wait counts from here. */
  sentAt?: string;
  /** What GetAccount said of VDM when the drill began (undefined: SES did not say). */
  vdmEnabled?: boolean;
  /** Why the account could not be read then. */
  accountError?: UserError;
  events: Array<{
    id: string;
    kind: string;
    address: string;
    at: string;
    bounceType?: string;
    bounceSubType?: string;
    /** What applying it for real would add to: a day count, a suppression. */
    counts?: string;
    suppresses?: string;
  }>;
}

/** Every key of the key-value table and what is stored under it. */
export interface RecordTypes {
  account: AccountSnapshot;
  identities: IdentitiesRecord;
  fromIdentity: FromIdentityRecord;
  suppressionSync: SuppressionCursor;
  /** The From the first send went out as (lib/send/guard.ts: a changed From is flagged). */
  pinnedIdentity: PinnedIdentity;
  'metrics:vdm': VdmRecord;
  'metrics:accountSettings': AccountSettingsRecord;
  'feedback:status': FeedbackStatus;
  'feedback:queue': FeedbackQueueRecord;
  /** Unreadable feedback messages already counted: message id → when first seen. */
  'feedback:unreadable': Record<string, string>;
  /** Until when (epoch ms) the feedback queue is polled often, after a send. */
  'feedback:activeUntil': number;
  /** Validated on read with their own schema versions (lib/account/ramp-records.ts). */
  'ramp:plan': unknown;
  'ramp:state': unknown;
  'team:settings': TeamSettingsRecord;
  'drill:last': DrillRecord;
  [status: `sync:${string}`]: SyncPartStatus;
}
export type RecordKey = keyof RecordTypes & string;

export async function readRecord<K extends RecordKey>(key: K, database: RampartDb = db()): Promise<RecordTypes[K] | undefined> {
  return (await database.kv.get(key))?.value as RecordTypes[K] | undefined;
}

/** The records of these keys, in order (one read). */
export async function readRecords<const K extends readonly RecordKey[]>(
  keys: K,
  database: RampartDb = db(),
): Promise<{ [I in keyof K]: RecordTypes[K[I]] | undefined }> {
  const rows = await database.kv.bulkGet([...keys]);
  return rows.map((row) => row?.value) as { [I in keyof K]: RecordTypes[K[I]] | undefined };
}

export async function writeRecord<K extends RecordKey>(key: K, value: RecordTypes[K], at: Date, database: RampartDb = db()): Promise<void> {
  await database.kv.put({ key, value, updatedAt: at.toISOString() });
}

export async function deleteRecord(key: RecordKey, database: RampartDb = db()): Promise<void> {
  await database.kv.delete(key);
}

export async function recordSynced(part: SyncPart, at: Date, database: RampartDb = db()): Promise<void> {
  const status: SyncPartStatus = { syncedAt: at.toISOString(), attemptedAt: at.toISOString() };
  await writeRecord(statusKey(part), status, at, database);
}

/** Keep the picture, remember the error and when the picture was last good. */
export async function recordFailed(part: SyncPart, at: Date, error: UserError, database: RampartDb = db()): Promise<void> {
  await database.transaction('rw', database.kv, async () => {
    const previous = await readRecord(statusKey(part), database);
    const status: SyncPartStatus = { attemptedAt: at.toISOString(), error };
    if (previous?.syncedAt) status.syncedAt = previous.syncedAt;
    await writeRecord(statusKey(part), status, at, database);
  });
}

export interface PictureAge extends SyncPartStatus {
  /** How old the picture is; null when there is none. */
  ageMs: number | null;
}

/** Each part's last sync, with how old its picture is at `now`. */
export async function pictureAges(now: Date, database: RampartDb = db()): Promise<Record<SyncPart, PictureAge>> {
  const rows = await database.kv.bulkGet(syncParts.map(statusKey));
  const entries = syncParts.map((part, i) => {
    const status = rows[i]?.value as SyncPartStatus | undefined;
    const age: PictureAge = {
      attemptedAt: status?.attemptedAt ?? '',
      ageMs: status?.syncedAt ? now.getTime() - Date.parse(status.syncedAt) : null,
    };
    if (status?.syncedAt) age.syncedAt = status.syncedAt;
    if (status?.error) age.error = status.error;
    return [part, age] as const;
  });
  return Object.fromEntries(entries) as Record<SyncPart, PictureAge>;
}
