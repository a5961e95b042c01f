import {
  paginateListSuppressedDestinations,
  type SESv2Client,
  type SuppressedDestinationSummary,
} from '@aws-sdk/client-sesv2';
import { db, type RampartDb, type SuppressionRow } from '../db';
import { SUPPRESSION_CURSOR_KEY, readRecord, writeRecord, type SuppressionCursor } from './records';

// The account-level suppression list (ListSuppressedDestinations) mirrored into the
// suppression cache, one row per lower-cased address. Laid out for a million addresses
// in a worker under 64 MB: the list is streamed page by page (the page being written and
// the next one, fetched meanwhile, in memory), each page written with one bulkPut, and
// lookups are by key. Nothing here ever holds the whole list.
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
 * sync with no high-water mark yet runs as a full one, and a full sync cut short (a
 * worker stopped, a failed page) is taken up again from the page it reached.
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
  const resuming = cursor.fullInProgress;
  const full = kind === 'full' || cursor.highWater === undefined || resuming !== undefined;
  try {
    return await runSync(ses, full, cursor, now, database);
  } catch (error) {
    // SES's NextToken does not last forever: a full sync resumed with one it no longer
    // honours starts again from the first page.
    if (!resuming || !isBadRequest(error)) throw error;
    const { fullInProgress: _dropped, ...fresh } = cursor;
    await writeRecord(SUPPRESSION_CURSOR_KEY, fresh, now(), database);
    return runSync(ses, true, fresh, now, database);
  }
}

const isBadRequest = (error: unknown) => (error as { name?: unknown } | null)?.name === 'BadRequestException';

async function runSync(
  ses: SESv2Client,
  full: boolean,
  cursor: SuppressionCursor,
  now: () => Date,
  database: RampartDb,
): Promise<SuppressionSyncResult> {
  const resuming = full ? cursor.fullInProgress : undefined;
  const run = resuming?.run ?? (full ? cursor.fullRun + 1 : cursor.fullRun);
  const startDate =
    !full && cursor.highWater ? new Date(Date.parse(cursor.highWater) - INCREMENTAL_OVERLAP_MS) : undefined;
  if (full && !resuming) {
    // The run number is taken before the first page: a full sync that fails midway
    // leaves rows stamped with it, and the next full sync stamps a higher one.
    await writeRecord(SUPPRESSION_CURSOR_KEY, { ...cursor, fullRun: run }, now(), database);
  }

  let entries = resuming?.entries ?? 0;
  let highWater = [cursor.highWater, resuming?.highWater].filter((h): h is string => h !== undefined).sort().pop();
  const pages = paginateListSuppressedDestinations(
    { client: ses, pageSize: PAGE_SIZE, ...(resuming ? { startingToken: resuming.nextToken } : {}) },
    startDate ? { StartDate: startDate } : {},
  );
  const reader = pages[Symbol.asyncIterator]();
  let coming = reader.next();
  for (;;) {
    const { value: page, done } = await coming;
    if (done) break;
    // The next page is asked for while this one is written: SES answers while IndexedDB
    // writes. Still one request at a time, and a failed request is thrown only after the
    // page before it (and the cursor that points past it) is written.
    coming = reader.next();
    coming.catch(() => undefined);
    const summaries = page.SuppressedDestinationSummaries ?? [];
    entries += summaries.length;
    const pageHigh = latestUpdate(summaries);
    if (pageHigh && (!highWater || pageHigh > highWater)) highWater = pageHigh;
    // A full sync remembers where it got to with the page it wrote, in one transaction.
    const progress: SuppressionCursor | undefined =
      full && page.NextToken
        ? {
            ...cursor,
            fullRun: run,
            fullInProgress: { run, nextToken: page.NextToken, entries, ...(highWater ? { highWater } : {}) },
          }
        : undefined;
    await writePage(summaries, run, database, progress, now());
  }

  let removed = 0;
  if (full) {
    // Every address SES still lists was stamped with this run; `local` rows carry no
    // run and are outside the range.
    removed = await deleteUnseen(run, database);
  }

  const at = now().toISOString();
  const { fullInProgress: _done, ...rest } = cursor;
  const next: SuppressionCursor = {
    ...(full ? rest : cursor),
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

/** The latest LastUpdateTime of a page (ISO). */
function latestUpdate(summaries: readonly SuppressedDestinationSummary[]): string | undefined {
  let high: string | undefined;
  for (const summary of summaries) {
    const since = (summary.LastUpdateTime ?? new Date(0)).toISOString();
    if (!high || since > high) high = since;
  }
  return high;
}

/** Write one page, and with it how far a full sync got. */
async function writePage(
  summaries: readonly SuppressedDestinationSummary[],
  run: number,
  database: RampartDb,
  progress: SuppressionCursor | undefined,
  at: Date,
): Promise<void> {
  const rows: SuppressionRow[] = [];
  for (const summary of summaries) {
    if (!summary.EmailAddress) continue;
    rows.push({
      email: summary.EmailAddress.trim().toLowerCase(),
      reason: isSesReason(summary.Reason) ? summary.Reason : 'BOUNCE',
      since: (summary.LastUpdateTime ?? new Date(0)).toISOString(),
      source: 'ses',
      syncRun: run,
    });
  }
  await database.transaction('rw', [database.suppression, database.suppressionDecisions, database.kv], async () => {
    // A suppression Rampart decided itself (unsubscribe, third soft bounce) is also
    // written to SES; it stays `local` so that SES dropping it does not lift it here.
    const local = await localAmong(rows, database);
    const written = local.size === 0 ? rows : rows.filter((row) => !local.has(row.email));
    // Both asked for at once: the transaction commits when the last one is done.
    await Promise.all([
      database.suppression.bulkPut(written),
      progress ? writeRecord(SUPPRESSION_CURSOR_KEY, progress, at, database) : undefined,
    ]);
  });
}

/** Rampart's decisions are read whole, in one request, up to this many. */
export const DECISIONS_READ_WHOLE = 10 * PAGE_SIZE;

/**
 * The page's addresses that hold a `local` row, read in the page's own transaction (so a
 * suppression decided meanwhile is seen). Every `local` row is a decision Rampart made
 * (lib/suppress/decide.ts keeps one per address), and decisions are few next to SES's
 * list: their addresses are one read, and only those on the page are looked up. Reading
 * each of the page's addresses instead would be a thousand requests a page.
 */
async function localAmong(rows: readonly SuppressionRow[], database: RampartDb): Promise<Set<string>> {
  const decided = await database.suppressionDecisions.limit(DECISIONS_READ_WHOLE + 1).primaryKeys();
  let candidates = rows.map((row) => row.email);
  if (decided.length <= DECISIONS_READ_WHOLE) {
    const onPage = new Set(candidates);
    candidates = decided.filter((email) => onPage.has(email));
  }
  if (candidates.length === 0) return new Set();
  const existing = await database.suppression.bulkGet(candidates);
  return new Set(candidates.filter((_, i) => existing[i]?.source === 'local'));
}

export async function suppressionCursor(database: RampartDb = db()): Promise<SuppressionCursor | undefined> {
  return readRecord<SuppressionCursor>(SUPPRESSION_CURSOR_KEY, database);
}
