import { db, type RampartDb } from './db';
import type { AccountSnapshot, FromIdentityStatus } from '@/lib/core/account';
import type { UserError } from '@/lib/core/errors';

// The synced account picture as it is kept in IndexedDB's key-value table: what each
// sync job writes and the guardrail context reads. One place names the keys and their
// shapes, so the writer and the reader cannot drift apart.

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

export const statusKey = (part: SyncPart) => `sync:${part}`;

export async function readRecord<T>(key: string, database: RampartDb = db()): Promise<T | undefined> {
  return (await database.kv.get(key))?.value as T | undefined;
}

export async function writeRecord<T>(key: string, value: T, at: Date, database: RampartDb = db()): Promise<void> {
  await database.kv.put({ key, value, updatedAt: at.toISOString() });
}

export async function recordSynced(part: SyncPart, at: Date, database: RampartDb = db()): Promise<void> {
  const status: SyncPartStatus = { syncedAt: at.toISOString(), attemptedAt: at.toISOString() };
  await writeRecord(statusKey(part), status, at, database);
}

/** Keep the picture, remember the error and when the picture was last good. */
export async function recordFailed(part: SyncPart, at: Date, error: UserError, database: RampartDb = db()): Promise<void> {
  await database.transaction('rw', database.kv, async () => {
    const previous = await readRecord<SyncPartStatus>(statusKey(part), database);
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
