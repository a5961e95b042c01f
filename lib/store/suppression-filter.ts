import Dexie from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import type { KeyValueRow, RampartTables, SuppressionPageRow, SuppressionRow } from './rows';
import { addToBloom, emptyBloom, mayContain, type Bloom } from './bloom';
import { cachedSuppressions, eachListedEmail, type SuppressionTables } from './suppression-cache';

/** The database as the filter uses it: the cache's tables and `kv`, in transactions. */
type RampartDb = Dexie & SuppressionTables & Pick<RampartTables, 'kv'>;

// Recipients looked up in the suppression cache for the compose window's live check,
// through a Bloom filter held in the worker: with a million cached addresses, 50
// recipients cost 50 IndexedDB reads; through the filter, only the few it cannot rule out
// are read (docs/architecture.md: the verdict must be instant while the SDR types).
//
// The filter must never miss an address the cache holds, or a suppressed recipient would
// show as safe. So every write to the cache's tables (`suppression`, `suppressionPages`),
// whatever code makes it, passes through a Dexie middleware that, in the same
// transaction, appends the written addresses to a journal in `kv`; the filter persisted
// in `kv` plus that journal is always a superset of the cache. Deletions leave their bits
// set: an address lifted from the list costs at most one read of the cache until the next
// rebuild. A failed write may leave bits set for an address never written: the same
// harmless cost.
//
// Each context keeps its own filter current from its own writes; the suppression cache is
// written by the background alone (sync, feedback, decisions), which is also where checks
// run. The send path does not use the filter: it reads every recipient in the cache.

const BASE_KEY = 'suppressionFilter';
const JOURNAL_PREFIX = 'suppressionFilter:journal:';
/** Journal entries (one per write) folded into the persisted filter past this many. */
const COMPACT_AFTER = 64;
/** Row keys read a batch at a time while building the filter from the tables. */
const BUILD_PAGE = 20_000;

interface FilterState {
  bloom: Bloom | null;
  /** Loading (or building) the filter; null once tried. */
  loading: Promise<void> | null;
  /** Addresses written while the filter was being loaded: added once it is. */
  pending: string[];
  journalEntries: number;
  compacting: boolean;
  /** The table changed since the filter last read the journal (maybe from another context). */
  stale: boolean;
}

const states = new WeakMap<object, FilterState>();

function stateOf(database: object): FilterState {
  let state = states.get(database);
  if (!state) {
    state = { bloom: null, loading: null, pending: [], journalEntries: 0, compacting: false, stale: false };
    states.set(database, state);
  }
  return state;
}

interface BaseRecord {
  bits: Uint8Array;
}

/** The cache's tables, and the addresses a written record holds. */
const journaledTables: Record<string, (value: unknown) => readonly string[]> = {
  suppression: (row) => [(row as SuppressionRow).email],
  suppressionPages: (page) => (page as SuppressionPageRow).emails,
};

/**
 * The middleware (RampartDb installs it): a read-write transaction over a cache table also
 * covers `kv`, and each put or add on one writes its addresses to the journal in that
 * transaction.
 */
export function suppressionJournal(database: Dexie): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'suppressionJournal',
    create(down) {
      return {
        ...down,
        transaction(stores, mode, options) {
          const widened =
            mode === 'readwrite' && stores.some((store) => store in journaledTables) && !stores.includes('kv') ? [...stores, 'kv'] : stores;
          return down.transaction(widened, mode, options);
        },
        table(name) {
          const table = down.table(name);
          const addresses = journaledTables[name];
          return addresses ? journaled(table, addresses, down.table('kv'), database) : table;
        },
      };
    },
  };
}

function journaled(table: DBCoreTable, addresses: (value: unknown) => readonly string[], kv: DBCoreTable, database: Dexie): DBCoreTable {
  return {
    ...table,
    mutate(req: DBCoreMutateRequest) {
      if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
      const emails = req.values.flatMap(addresses);
      noteWritten(database, emails);
      // Both requests are issued now, in the caller's transaction: they commit together.
      const journal = kv.mutate({
        type: 'put',
        trans: req.trans,
        values: [{ key: `${JOURNAL_PREFIX}${crypto.randomUUID()}`, value: emails, updatedAt: new Date().toISOString() }],
      });
      const written = table.mutate(req);
      return Promise.all([journal, written]).then(([, result]) => result);
    },
  };
}

function noteWritten(database: object, emails: readonly string[]): void {
  const state = stateOf(database);
  if (state.bloom) for (const email of emails) addToBloom(state.bloom, email);
  else if (state.loading) state.pending.push(...emails);
  state.journalEntries++;
  // A worker that writes (a full sync after a restart) before any check loaded the filter:
  // load it now, so the journal is folded in rather than growing with every page.
  if (!state.bloom && !state.loading && state.journalEntries > COMPACT_AFTER) {
    startLoading(database as RampartDb, state);
  }
  maybeCompact(database as RampartDb, state);
}

function maybeCompact(database: RampartDb, state: FilterState): void {
  if (!state.bloom || state.journalEntries <= COMPACT_AFTER || state.compacting) return;
  state.compacting = true;
  // After the writer's transaction: compaction takes kv in a transaction of its own.
  setTimeout(() => {
    void Dexie.ignoreTransaction(() => compact(database))
      .catch(() => undefined)
      .finally(() => {
        state.compacting = false;
      });
  }, 0);
}

/** Fold the journal into the persisted filter. */
async function compact(database: RampartDb): Promise<void> {
  const state = stateOf(database);
  if (!state.bloom) return;
  await persist(database, state.bloom);
  state.journalEntries = 0;
}

/** Add the journal's addresses to `bloom`; the entries read, for whoever deletes them. */
async function replayJournal(database: RampartDb, bloom: Bloom): Promise<KeyValueRow[]> {
  const journal = await database.kv.where('key').startsWith(JOURNAL_PREFIX).toArray();
  for (const entry of journal) for (const email of entry.value as string[]) addToBloom(bloom, email);
  return journal;
}

/**
 * Store `bloom` as the persisted filter and clear the journal it now covers, in one
 * transaction. What another context folded in and deleted, or wrote and journaled, is
 * kept: the stored bits are merged in and every entry is added before it goes.
 */
async function persist(database: RampartDb, bloom: Bloom): Promise<void> {
  await database.transaction('rw', database.kv, async () => {
    const [base, journal] = await Promise.all([database.kv.get(BASE_KEY), replayJournal(database, bloom)]);
    if (base) mergeInto(bloom, (base.value as BaseRecord).bits);
    await database.kv.put({ key: BASE_KEY, value: { bits: bloom.bits } satisfies BaseRecord, updatedAt: new Date().toISOString() });
    await database.kv.bulkDelete(journal.map((entry) => entry.key));
  });
}

function mergeInto(bloom: Bloom, bits: Uint8Array): void {
  for (let i = 0; i < bloom.bits.length; i++) bloom.bits[i]! |= bits[i]!;
}

/**
 * Another context's write reaches this filter through the journal: Dexie tells every
 * context of a change to the table (`storagemutated` crosses contexts), and the next
 * lookup reads the journal again. Own writes were added already; adding twice is harmless.
 */
Dexie.on('storagemutated', (parts) => {
  for (const part of Object.keys(parts)) {
    const match = /^idb:\/\/([^/]+)\/suppression(?:Pages)?\//.exec(part);
    if (!match) continue;
    for (const database of watched) if (database.name === match[1]) stateOf(database).stale = true;
  }
});
/** The databases whose filter is loaded in this context (one in the extension; many in tests). */
const watched = new Set<RampartDb>();

async function catchUp(database: RampartDb, bloom: Bloom): Promise<void> {
  const state = stateOf(database);
  state.stale = false;
  await replayJournal(database, bloom);
}

/** Load the persisted filter and its journal; build it from the table when there is none. */
async function load(database: RampartDb, state: FilterState): Promise<void> {
  const loaded = await database.transaction('r', database.kv, async () => {
    const base = await database.kv.get(BASE_KEY);
    if (!base) return null;
    const bloom: Bloom = { bits: new Uint8Array((base.value as BaseRecord).bits) };
    return { bloom, entries: (await replayJournal(database, bloom)).length };
  });
  if (loaded) {
    state.journalEntries = loaded.entries;
    adopt(state, loaded.bloom);
    return;
  }
  // No filter yet (a new install, or a cache written before the filter existed): built
  // from the tables, a batch at a time. Every write from here on has a journal entry, so
  // the tables read batch by batch plus the journal at the end miss nothing.
  const bloom = emptyBloom();
  await eachListedEmail(database, (emails) => {
    for (const email of emails) addToBloom(bloom, email);
  });
  let after: string | undefined;
  for (;;) {
    const page = (await (after === undefined ? database.suppression.toCollection() : database.suppression.where(':id').above(after))
      .limit(BUILD_PAGE)
      .primaryKeys()) as string[];
    for (const email of page) addToBloom(bloom, email);
    if (page.length < BUILD_PAGE) break;
    after = page[page.length - 1];
  }
  await persist(database, bloom);
  state.journalEntries = 0;
  adopt(state, bloom);
}

function adopt(state: FilterState, bloom: Bloom): void {
  for (const email of state.pending) addToBloom(bloom, email);
  state.pending = [];
  state.bloom = bloom;
}

/**
 * The filter when it is ready; otherwise starts loading it and waits only if it is
 * persisted (a build from a large table runs on while lookups read rows).
 */
async function readyFilter(database: RampartDb): Promise<Bloom | null> {
  const state = stateOf(database);
  if (state.bloom) {
    if (state.stale) await catchUp(database, state.bloom);
    return state.bloom;
  }
  if (!state.loading) {
    startLoading(database, state);
    const persisted = await database.kv.get(BASE_KEY).then(Boolean, () => false);
    if (persisted) await state.loading;
  }
  return state.bloom;
}

function startLoading(database: RampartDb, state: FilterState): void {
  watched.add(database);
  // Outside any transaction the caller is in (a write's, when the journal grew).
  state.loading = Dexie.ignoreTransaction(() => load(database, state))
    .then(() => maybeCompact(database, state))
    .catch(() => {
      // Lookups keep reading rows; the next one tries again.
      state.loading = null;
      state.pending = [];
    });
}

/**
 * The suppression rows of these (normalised) addresses, in order; undefined where the
 * address is not in the cache. Reads only the rows the filter cannot rule out.
 */
export async function suppressionRowsFor(database: RampartDb, keys: readonly string[]): Promise<(SuppressionRow | undefined)[]> {
  if (keys.length === 0) return [];
  const bloom = await readyFilter(database);
  if (!bloom) return cachedSuppressions(database, keys);
  const maybe = keys.filter((key) => mayContain(bloom, key));
  if (maybe.length === 0) return keys.map(() => undefined);
  const rows = await cachedSuppressions(database, maybe);
  const found = new Map<string, SuppressionRow>();
  rows.forEach((row, i) => {
    if (row) found.set(maybe[i]!, row);
  });
  return keys.map((key) => found.get(key));
}
