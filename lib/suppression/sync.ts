import { paginateListSuppressedDestinations, type SESv2Client, type SuppressedDestinationSummary } from '@aws-sdk/client-sesv2';
import { db, type RampartDb, type SuppressionPageRow, type SuppressionRow } from '@/lib/store/db';
import { emailKey } from '@/lib/core/email';
import { pageTokens } from '@/lib/aws/pages';
import { SUPPRESSION_CURSOR_KEY, readRecord, writeRecord, type SuppressionCursor } from '@/lib/store/records';

// The account-level suppression list (ListSuppressedDestinations) mirrored into the
// suppression cache (lib/store/suppression-cache.ts reads it). Laid out for a million addresses
// in a worker under 64 MB: the list is streamed page by page (the page being written and
// the next one, fetched meanwhile, in memory), and lookups are by key. Nothing here ever
// holds the whole list.
//
// - A full sync writes the list as it reads it, in pages of LISTED_PER_PAGE addresses
//   (`suppressionPages`): a hundred thousand addresses are a few hundred writes, not a
//   hundred thousand. When it has read every page, it deletes the pages of earlier runs
//   and the `ses` rows of earlier runs: SES gives no other sign that an address was
//   taken off its list. Until then the earlier pages still count.
// - An incremental sync asks only for entries updated since the last one SES showed us
//   (`StartDate`), minus an overlap for entries written in the same instant as it, and
//   writes them as rows, one per address (a few at a time).
// - A failed sync leaves the cache as it was: a page already written is still true.

/** SES's largest page for ListSuppressedDestinations. */
export const PAGE_SIZE = 1000;
/**
 * Addresses in one `suppressionPages` record: a lookup reads the whole record, a sync
 * writes one request per record (measured in Chromium, 100,000 addresses: ~1.5 s in
 * records of 250, ~13 s a row each).
 */
export const LISTED_PER_PAGE = 250;
/** Incremental syncs re-read this much before the high-water mark. */
export const INCREMENTAL_OVERLAP_MS = 5 * 60_000;

export type SuppressionSyncKind = 'full' | 'incremental';

export interface SuppressionSyncResult {
  kind: SuppressionSyncKind;
  /** Entries SES returned. */
  entries: number;
  highWater?: string;
}

const isSesReason = (reason: string | undefined): reason is 'BOUNCE' | 'COMPLAINT' => reason === 'BOUNCE' || reason === 'COMPLAINT';

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
  const stored = await readRecord(SUPPRESSION_CURSOR_KEY, database);
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
    // honours starts again from the first page. ListSuppressedDestinations says so with
    // InvalidNextTokenException (an expired token) or BadRequestException (a malformed one).
    if (!resuming || !isRefusedToken(error)) throw error;
    const { fullInProgress: _dropped, ...fresh } = cursor;
    await writeRecord(SUPPRESSION_CURSOR_KEY, fresh, now(), database);
    return runSync(ses, true, fresh, now, database);
  }
}

const REFUSED_TOKEN = new Set(['InvalidNextTokenException', 'BadRequestException']);
const isRefusedToken = (error: unknown) => REFUSED_TOKEN.has(String((error as { name?: unknown } | null)?.name));

async function runSync(
  ses: SESv2Client,
  full: boolean,
  cursor: SuppressionCursor,
  now: () => Date,
  database: RampartDb,
): Promise<SuppressionSyncResult> {
  const resuming = full ? cursor.fullInProgress : undefined;
  const run = resuming?.run ?? (full ? cursor.fullRun + 1 : cursor.fullRun);
  const startDate = !full && cursor.highWater ? new Date(Date.parse(cursor.highWater) - INCREMENTAL_OVERLAP_MS) : undefined;
  if (full && !resuming) {
    // The run number is taken before the first page: a full sync that fails midway
    // leaves pages of it, and the next full sync writes a higher one.
    await writeRecord(SUPPRESSION_CURSOR_KEY, { ...cursor, fullRun: run }, now(), database);
  }

  let entries = resuming?.entries ?? 0;
  let highWater = [cursor.highWater, resuming?.highWater]
    .filter((h): h is string => h !== undefined)
    .sort()
    .pop();
  const pages = paginateListSuppressedDestinations(
    { client: ses, pageSize: PAGE_SIZE, ...(resuming ? { startingToken: resuming.nextToken } : {}) },
    startDate ? { StartDate: startDate } : {},
  );
  const followed = pageTokens('suppression list');
  followed(resuming?.nextToken);
  const reader = pages[Symbol.asyncIterator]();
  let coming = reader.next();
  for (;;) {
    const { value: page, done } = await coming;
    if (done) break;
    // The next page is asked for while this one is written: SES answers while IndexedDB
    // writes. Still one request at a time, and a failed request is thrown only after the
    // page before it (and the cursor that points past it) is written.
    followed(page.NextToken);
    coming = reader.next();
    coming.catch(() => undefined);
    const summaries = page.SuppressedDestinationSummaries ?? [];
    entries += summaries.length;
    const pageHigh = latestUpdate(summaries, now());
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
    if (full) await writeListed(summaries, run, entries - summaries.length, database, progress, now());
    else await writeRows(summaries, run, database);
  }

  if (full) await deleteEarlierRuns(run, database);

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

  const result: SuppressionSyncResult = { kind: full ? 'full' : 'incremental', entries };
  if (highWater) result.highWater = highWater;
  return result;
}

/**
 * Delete the pages and the `ses` rows of earlier runs. What SES still lists is on this
 * run's pages; `local` rows carry no run and are outside the range. Rows go a batch of
 * keys at a time (Dexie's `Collection.delete()` on an index range would first load every
 * matching key); pages, keyed by run first, go in one range delete.
 */
async function deleteEarlierRuns(run: number, database: RampartDb): Promise<void> {
  for (;;) {
    const keys = await database.suppression.where('syncRun').below(run).limit(PAGE_SIZE).primaryKeys();
    if (keys.length === 0) break;
    await database.suppression.bulkDelete(keys);
  }
  await database.suppressionPages.where(':id').below([run, -Infinity]).delete();
}

/**
 * The latest LastUpdateTime of a page (ISO), never later than `now`: an entry dated in
 * the future would move the high-water mark past every update still to come, and
 * incremental syncs would never see them.
 */
function latestUpdate(summaries: readonly SuppressedDestinationSummary[], now: Date): string | undefined {
  let high: string | undefined;
  for (const summary of summaries) {
    const since = new Date(Math.min(updatedAt(summary), now.getTime())).toISOString();
    if (!high || since > high) high = since;
  }
  return high;
}

/** A page of a full sync, in records of LISTED_PER_PAGE, and with it how far the sync got. */
async function writeListed(
  summaries: readonly SuppressedDestinationSummary[],
  run: number,
  readBefore: number,
  database: RampartDb,
  progress: SuppressionCursor | undefined,
  at: Date,
): Promise<void> {
  const records: SuppressionPageRow[] = [];
  let record: SuppressionPageRow | undefined;
  summaries.forEach((summary, i) => {
    if (!listed(summary)) return;
    if (!record || record.emails.length === LISTED_PER_PAGE) {
      record = { run, page: readBefore + i, emails: [], reasons: [], since: [] };
      records.push(record);
    }
    record.emails.push(emailKey(summary.EmailAddress));
    record.reasons.push(sesReason(summary));
    record.since.push(listedSince(summary));
  });
  await database.transaction('rw', [database.suppressionPages, database.kv], async () => {
    // Both asked for at once: the transaction commits when the last one is done.
    await Promise.all([
      database.suppressionPages.bulkPut(records),
      progress ? writeRecord(SUPPRESSION_CURSOR_KEY, progress, at, database) : undefined,
    ]);
  });
}

/** An incremental sync's entries, a row per address. */
async function writeRows(summaries: readonly SuppressedDestinationSummary[], run: number, database: RampartDb): Promise<void> {
  const rows: SuppressionRow[] = [];
  for (const summary of summaries) {
    if (!listed(summary)) continue;
    rows.push({
      email: emailKey(summary.EmailAddress),
      reason: sesReason(summary),
      since: listedSince(summary),
      source: 'ses',
      syncRun: run,
    });
  }
  await database.transaction('rw', [database.suppression, database.suppressionDecisions], async () => {
    const alone = await leftAlone(rows, database);
    await database.suppression.bulkPut(alone.size === 0 ? rows : rows.filter((row) => !alone.has(row.email)));
  });
}

const sesReason = (summary: SuppressedDestinationSummary) => (isSesReason(summary.Reason) ? summary.Reason : 'BOUNCE');
// The SDK passes on what SES's JSON says, wrong types included: an entry without an
// address string is skipped, a time that is no date reads as unknown (the epoch).
const listed = (summary: SuppressedDestinationSummary): summary is SuppressedDestinationSummary & { EmailAddress: string } =>
  typeof summary.EmailAddress === 'string' && summary.EmailAddress !== '';
const updatedAt = (summary: SuppressedDestinationSummary): number => {
  const time = summary.LastUpdateTime instanceof Date ? summary.LastUpdateTime.getTime() : NaN;
  return Number.isNaN(time) ? 0 : time;
};
const listedSince = (summary: SuppressedDestinationSummary) => new Date(updatedAt(summary)).toISOString();

/** Rampart's decisions are read whole, in one request, up to this many. */
export const DECISIONS_READ_WHOLE = 10 * PAGE_SIZE;

/**
 * The addresses of these rows an incremental sync must not write, read in its own
 * transaction (so a decision made meanwhile is seen):
 * - those holding a `local` row: a suppression Rampart decided itself (unsubscribe, third
 *   soft bounce) is also written to SES, and stays `local` so that SES dropping it does
 *   not lift it here;
 * - those with an undo not yet shared: SES still lists what the SDR undid.
 * Every `local` row and every undo is a decision (lib/suppression/decide.ts keeps one per
 * address), and decisions are few next to SES's list: their addresses are one read, and
 * only those among the rows are looked up. Reading each row's address instead would be a
 * request per entry.
 */
async function leftAlone(rows: readonly SuppressionRow[], database: RampartDb): Promise<Set<string>> {
  const decided = await database.suppressionDecisions.limit(DECISIONS_READ_WHOLE + 1).primaryKeys();
  let candidates = rows.map((row) => row.email);
  if (decided.length <= DECISIONS_READ_WHOLE) {
    const among = new Set(candidates);
    candidates = decided.filter((email) => among.has(email));
  }
  if (candidates.length === 0) return new Set();
  const [existing, decisions] = await Promise.all([
    database.suppression.bulkGet(candidates),
    database.suppressionDecisions.bulkGet(candidates),
  ]);
  return new Set(candidates.filter((_, i) => existing[i]?.source === 'local' || decisions[i]?.pending === 'lift'));
}

export async function suppressionCursor(database: RampartDb = db()): Promise<SuppressionCursor | undefined> {
  return readRecord(SUPPRESSION_CURSOR_KEY, database);
}
