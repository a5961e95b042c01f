import type { RampartDb, SuppressionDecisionRow, SuppressionPageRow, SuppressionRow } from '../db';

// The suppression cache, read as one: a row per address in `suppression` (Rampart's own
// decisions, and what incremental syncs brought since the last full sync) over the pages
// a full sync wrote (`suppressionPages`). A row wins over a page: a decision is Rampart's
// word on the address, and an incremental sync is newer than the full sync before it.
//
// A page keeps what SES listed when it was read, so an address the SDR lifted since
// (undo) may still be on it until the next full sync: a page entry no later than the
// lift is not a suppression. An entry dated after it is SES listing the address again.

/** The tables a read of the cache needs: a caller's transaction must include them. */
export const cacheTables = (database: RampartDb) => [database.suppression, database.suppressionPages, database.suppressionDecisions];

/**
 * The cached suppression of each (normalised) address, in order; undefined where there
 * is none. Every key is read: rows, pages and decisions asked for at once.
 */
export async function cachedSuppressions(database: RampartDb, keys: readonly string[]): Promise<(SuppressionRow | undefined)[]> {
  if (keys.length === 0) return [];
  return database.transaction('r', cacheTables(database), async () => {
    const [rows, pages, decisions] = await Promise.all([
      database.suppression.bulkGet([...keys]),
      Promise.all(keys.map((key) => database.suppressionPages.where('emails').equals(key).toArray())),
      database.suppressionDecisions.bulkGet([...keys]),
    ]);
    return keys.map((key, i) => rows[i] ?? listedEntry(key, pages[i]!, decisions[i]));
  });
}

/** The address's entry on the newest page that lists it, unless lifted since. */
function listedEntry(email: string, pages: readonly SuppressionPageRow[], decision: SuppressionDecisionRow | undefined): SuppressionRow | undefined {
  let newest: SuppressionRow | undefined;
  for (const page of pages) {
    const at = page.emails.indexOf(email);
    if (at >= 0 && (!newest || newest.syncRun! < page.run)) newest = pageEntry(page, at);
  }
  return newest && !liftedSince(newest, decision) ? newest : undefined;
}

const pageEntry = (page: SuppressionPageRow, at: number): SuppressionRow => ({
  email: page.emails[at]!,
  reason: page.reasons[at]!,
  since: page.since[at]!,
  source: 'ses',
  syncRun: page.run,
});

/** A listed entry the SDR lifted after SES listed it (an undo). */
const liftedSince = (entry: SuppressionRow, decision: SuppressionDecisionRow | undefined) =>
  decision !== undefined && (decision.pending === 'lift' || decision.lifted === true) && entry.since <= decision.at;

/** Pages read at a time when the whole cache is walked. */
const WALK_PAGES = 200;

/** Every address on the full sync's pages, a batch of pages at a time (lifted ones included). */
export async function eachListedEmail(database: RampartDb, visit: (emails: readonly string[]) => void): Promise<void> {
  let after: [number, number] | undefined;
  for (;;) {
    const batch = await (after === undefined
      ? database.suppressionPages.toCollection()
      : database.suppressionPages.where(':id').above(after)
    )
      .limit(WALK_PAGES)
      .toArray();
    for (const page of batch) visit(page.emails);
    if (batch.length < WALK_PAGES) return;
    const last = batch[batch.length - 1]!;
    after = [last.run, last.page];
  }
}

/** The whole cache, in address order (an export: the list is held once, here). */
export async function allCachedSuppressions(database: RampartDb): Promise<SuppressionRow[]> {
  return database.transaction('r', cacheTables(database), async () => {
    const byEmail = new Map<string, SuppressionRow>();
    await database.suppressionPages.each((page) => {
      page.emails.forEach((email, at) => {
        const known = byEmail.get(email);
        if (!known || known.syncRun! < page.run) byEmail.set(email, pageEntry(page, at));
      });
    });
    for (const decision of await database.suppressionDecisions.toArray()) {
      const listed = byEmail.get(decision.email);
      if (listed && liftedSince(listed, decision)) byEmail.delete(decision.email);
    }
    for (const row of await database.suppression.toArray()) byEmail.set(row.email, row);
    return [...byEmail.values()].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  });
}
