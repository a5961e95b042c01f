import Dexie, { type EntityTable, type Table } from 'dexie';
import { suppressionJournal } from './suppression-filter';
import type {
  AppliedEventRow,
  ChangeLogRow,
  FeedbackDayRow,
  KeyValueRow,
  LedgerRow,
  OutboxRow,
  RampartTables,
  ReservationRow,
  SoftBounceRow,
  SuppressionDecisionRow,
  SuppressionPageRow,
  SuppressionRow,
} from './rows';

export type * from './rows';

// Rampart's IndexedDB (the background's only; the content script never opens it).
// SES is the shared truth; this is the local cache, the outbox and the ledger.

export class RampartDb extends Dexie implements RampartTables {
  outbox!: EntityTable<OutboxRow, 'id'>;
  ledger!: EntityTable<LedgerRow, 'messageId'>;
  suppression!: EntityTable<SuppressionRow, 'email'>;
  suppressionPages!: Table<SuppressionPageRow, [number, number]>;
  reservations!: EntityTable<ReservationRow, 'id'>;
  changeLog!: EntityTable<ChangeLogRow, 'id'>;
  kv!: EntityTable<KeyValueRow, 'key'>;
  appliedEvents!: EntityTable<AppliedEventRow, 'id'>;
  softBounces!: EntityTable<SoftBounceRow, 'id'>;
  feedbackDays!: EntityTable<FeedbackDayRow, 'day'>;
  suppressionDecisions!: EntityTable<SuppressionDecisionRow, 'email'>;

  constructor(name = 'rampart') {
    super(name);
    this.version(1).stores({
      outbox: 'id, composeId, state, createdAt',
      ledger: 'messageId, outboxId, sentAt, day, *recipients',
      suppression: 'email, since',
      reservations: 'id, day, createdAt',
      changeLog: '++id, at, kind',
      kv: 'key',
      appliedEvents: 'id, at',
    });
    this.version(2).stores({ suppression: 'email, since, syncRun' });
    this.version(3).stores({
      softBounces: 'id, email, at',
      feedbackDays: 'day',
      suppressionDecisions: 'email, pending, at',
    });
    // Nothing looks suppression rows up by `since`, and its index was a third of the index
    // entries every synced row writes. Dropping it costs one pass over the index when the
    // database opens (seconds for a million rows, once); every full sync gains it back.
    this.version(4).stores({ suppression: 'email, syncRun' });
    // A full sync writes SES's list as pages (SuppressionPageRow), not a row per address.
    this.version(5).stores({ suppressionPages: '[run+page], run, *emails' });
    // Every write to the suppression cache is journaled for the check's lookup filter.
    this.use(suppressionJournal(this));
  }
}

let instance: RampartDb | undefined;
/** The background's database (opened lazily: the worker's wake-up stays cheap). */
export function db(): RampartDb {
  instance ??= new RampartDb();
  return instance;
}
