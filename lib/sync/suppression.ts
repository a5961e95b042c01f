import {
  paginateListSuppressedDestinations,
  type SESv2Client,
  type SuppressedDestinationSummary,
} from '@aws-sdk/client-sesv2';
import { db, type RampartDb, type SuppressionRow } from '../db';
import { SUPPRESSION_CURSOR_KEY, readRecord, writeRecord, type SuppressionCursor } from './records';

// The account-level suppression list (ListSuppressedDestinations) mirrored into the
// suppression cache, one row per lower-cased address. Laid out for a million addresses
// in a worker under 64 MB: the list is streamed page by page (one page in memory at a
// time), each page written with one bulkPut, and lookups are by key. Nothing here ever
// holds the whole list.
//
// - A full sync reads every page and then deletes the `ses` rows it did not see: SES
//   gives no other sign that an address was taken off its list.
// - An incremental sync asks only for entries updated since the last one SES showed us
//   (`StartDate`), minus an overlap for entries written in the same instant as it.
// - A failed sync leaves the cache as it was: a page already written is still true.

/** SES's largest page for ListSuppressedDestinations. */
export const PAGE_SIZE = 1000;
/** Incremental syncs re-read this much before the high-water mark. */
export const INCREMENTAL_OVERLAP_MS = 5 * 60_000;

export type SuppressionSyncKind = 'full' | 'incremental';

export interface SuppressionSyncResult {
  kind: SuppressionSyncKind;
  /** Entries SES returned. */
  entries: number;
  /** `ses` rows deleted because SES no longer lists them (full syncs only). */
  removed: number;
  highWater?: string;
}

const isSesReason = (reason: string | undefined): reason is 'BOUNCE' | 'COMPLAINT' =>
  reason === 'BOUNCE' || reason === 'COMPLAINT';

/**
 * Sync the suppression cache from SES. `kind` says which sync to run; an incremental
 * sync with no high-water mark yet runs as a full one.
 */
export async function syncSuppression(
  ses: SESv2Client,
  kind: SuppressionSyncKind,
  now: () => Date,
  database: RampartDb = db(),
  accountKey?: string,
): Promise<SuppressionSyncResult> {
  const stored = await readRecord<SuppressionCursor>(SUPPRESSION_CURSOR_KEY, database);
  // Another account's high-water mark means nothing here: start over with a full sync.
  const sameAccount = stored?.accountKey === accountKey;
  const cursor: SuppressionCursor = stored && sameAccount ? stored : { fullRun: stored?.fullRun ?? 0 };
  if (accountKey !== undefined) cursor.accountKey = accountKey;
  const full = kind === 'full' || cursor.highWater === undefined;
  const run = full ? cursor.fullRun + 1 : cursor.fullRun;
  const startDate =
    !full && cursor.highWater ? new Date(Date.parse(cursor.highWater) - INCREMENTAL_OVERLAP_MS) : undefined;
  if (full) {
    // The run number is taken before the first page: a full sync that fails midway
    // leaves rows stamped with it, and the next full sync stamps a higher one.
    await writeRecord(SUPPRESSION_CURSOR_KEY, { ...cursor, fullRun: run }, now(), database);
  }

  let entries = 0;
  let highWater = cursor.highWater;
  const pages = paginateListSuppressedDestinations(
    { client: ses, pageSize: PAGE_SIZE },
    startDate ? { StartDate: startDate } : {},
  );
  for await (const page of pages) {
    const summaries = page.SuppressedDestinationSummaries ?? [];
    entries += summaries.length;
    const pageHigh = await writePage(summaries, run, database);
    if (pageHigh && (!highWater || pageHigh > highWater)) highWater = pageHigh;
  }

  let removed = 0;
  if (full) {
    // Every address SES still lists was stamped with this run; `local` rows carry no
    // run and are outside the range.
    removed = await deleteUnseen(run, database);
  }

  const at = now().toISOString();
  const next: SuppressionCursor = {
    ...cursor,
    fullRun: run,
    ...(full ? { lastFullAt: at } : { lastIncrementalAt: at }),
  };
  if (highWater) next.highWater = highWater;
  else delete next.highWater;
  await writeRecord(SUPPRESSION_CURSOR_KEY, next, now(), database);

  const result: SuppressionSyncResult = { kind: full ? 'full' : 'incremental', entries, removed };
  if (highWater) result.highWater = highWater;
  return result;
}

/**
 * Delete the `ses` rows stamped by an earlier run, a page of keys at a time: Dexie's
 * `Collection.delete()` on an index range would first load every matching key.
 */
async function deleteUnseen(run: number, database: RampartDb): Promise<number> {
  let removed = 0;
  for (;;) {
    const keys = await database.suppression.where('syncRun').below(run).limit(PAGE_SIZE).primaryKeys();
    if (keys.length === 0) return removed;
    await database.suppression.bulkDelete(keys);
    removed += keys.length;
  }
}

/** Write one page; returns its latest LastUpdateTime (ISO). */
async function writePage(
  summaries: readonly SuppressedDestinationSummary[],
  run: number,
  database: RampartDb,
): Promise<string | undefined> {
  let high: string | undefined;
  const rows: SuppressionRow[] = [];
  for (const summary of summaries) {
    if (!summary.EmailAddress) continue;
    const since = (summary.LastUpdateTime ?? new Date(0)).toISOString();
    if (!high || since > high) high = since;
    rows.push({
      email: summary.EmailAddress.trim().toLowerCase(),
      reason: isSesReason(summary.Reason) ? summary.Reason : 'BOUNCE',
      since,
      source: 'ses',
      syncRun: run,
    });
  }
  await database.transaction('rw', database.suppression, async () => {
    // A suppression Rampart decided itself (unsubscribe, third soft bounce) is also
    // written to SES; it stays `local` so that SES dropping it does not lift it here.
    const existing = await database.suppression.bulkGet(rows.map((r) => r.email));
    await database.suppression.bulkPut(rows.filter((_, i) => existing[i]?.source !== 'local'));
  });
  return high;
}

export async function suppressionCursor(database: RampartDb = db()): Promise<SuppressionCursor | undefined> {
  return readRecord<SuppressionCursor>(SUPPRESSION_CURSOR_KEY, database);
}
