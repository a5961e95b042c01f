import type Dexie from 'dexie';
import type { RampartTables, SuppressionDecisionRow, SuppressionPageRow, SuppressionRow } from './rows';

/** The tables the cache is read from. */
export type SuppressionTables = Pick<Dexie, 'transaction'> &
  Pick<RampartTables, 'suppression' | 'suppressionPages' | 'suppressionDecisions'>;

// The suppression cache, read as one: a row per address in `suppression` (Rampart's own
// decisions, and what incremental syncs brought since the last full sync) over the pages
// a full sync wrote (`suppressionPages`). A row wins over a page: a decision is Rampart's
// word on the address, and an incremental sync is newer than the full sync before it.
//
// A page keeps what SES listed when it was read. An undo that had nothing to put back
// (Rampart's decision was the address's only suppression, shared with SES and read back
// by a full sync) must not be overruled by that listing: a page read before the lift
// reached SES does not count for that address. Told apart by run, not by time: SES's
// LastUpdateTime and this machine's clock need not agree.

/** The tables a read of the cache needs: a caller's transaction must include them. */
export const cacheTables = (database: SuppressionTables) => [
  database.suppression,
  database.suppressionPages,
  database.suppressionDecisions,
];

/**
 * The cached suppression of each (normalised) address, in order; undefined where there
 * is none. Every key is read: rows, pages and decisions asked for at once.
 */
export async function cachedSuppressions(database: SuppressionTables, keys: readonly string[]): Promise<(SuppressionRow | undefined)[]> {
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

/** The address's entry on the newest page that lists it, unless an undo lifted it. */
function listedEntry(
  email: string,
  pages: readonly SuppressionPageRow[],
  decision: SuppressionDecisionRow | undefined,
): SuppressionRow | undefined {
  let newest: SuppressionRow | undefined;
  // In key order: a later page of the same run (SES listing it again meanwhile) wins too.
  for (const page of pages) {
    const at = page.emails.indexOf(email);
    if (at >= 0 && (!newest || newest.syncRun! <= page.run)) newest = pageEntry(page, at);
  }
  return newest && !undoneListing(newest, decision) ? newest : undefined;
}

const pageEntry = (page: SuppressionPageRow, at: number): SuppressionRow => ({
  email: page.emails[at]!,
  reason: page.reasons[at]!,
  since: page.since[at]!,
  source: 'ses',
  syncRun: page.run,
});

/** A listed entry that is what an undo lifted (see above). */
function undoneListing(entry: SuppressionRow, decision: SuppressionDecisionRow | undefined): boolean {
  if (!decision || decision.previous !== null) return false;
  if (decision.pending === 'lift') return true;
  return decision.lifted === true && decision.liftedRun !== undefined && entry.syncRun! <= decision.liftedRun;
}

/** Pages read at a time when the whole cache is walked. */
const WALK_PAGES = 200;

/** Every address on the full sync's pages, a batch of pages at a time (lifted ones included). */
export async function eachListedEmail(database: SuppressionTables, visit: (emails: readonly string[]) => void): Promise<void> {
  let after: [number, number] | undefined;
  for (;;) {
    const batch = await (
      after === undefined ? database.suppressionPages.toCollection() : database.suppressionPages.where(':id').above(after)
    )
      .limit(WALK_PAGES)
      .toArray();
    for (const page of batch) visit(page.emails);
    if (batch.length < WALK_PAGES) return;
    const last = batch[batch.length - 1]!;
    after = [last.run, last.page];
  }
}

/**
 * Every cached suppression, once each. Rows first (decisions and incremental syncs: few),
 * then the pages, newest first, so that an address two runs list (a full sync under way)
 * counts as the newer says. Holds the set of addresses visited, not their entries.
 */
export async function eachCachedSuppression(database: SuppressionTables, visit: (row: SuppressionRow) => void): Promise<void> {
  await database.transaction('r', cacheTables(database), async () => {
    const rows = await database.suppression.toArray();
    const decisions = new Map((await database.suppressionDecisions.toArray()).map((decision) => [decision.email, decision] as const));
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.email);
      visit(row);
    }
    await database.suppressionPages
      .orderBy(':id')
      .reverse()
      .each((page) => {
        page.emails.forEach((email, at) => {
          if (seen.has(email)) return;
          seen.add(email);
          const entry = pageEntry(page, at);
          if (!undoneListing(entry, decisions.get(email))) visit(entry);
        });
      });
  });
}
