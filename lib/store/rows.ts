import type { EntityTable, Table } from 'dexie';
import type { Draft, Address } from '@/lib/core/draft';
import type { UserError } from '@/lib/core/errors';
import type { Finding } from '@/lib/core/finding';

// The rows of Rampart's IndexedDB (lib/store/db.ts opens it), as types alone: code that
// reads or writes a few tables imports these without the database class.

/** What the message went out as: written with `sending`, so an event can fill in the ledger. */
export interface SentAs {
  from: Address;
  subject: string;
  senderTag: string;
}
export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'blocked';

/** A send, written before SES is called (docs/architecture.md: a killed worker must lose nothing). */
export interface OutboxRow {
  id: string; // the compose UI's requestId: the same click is the same row
  composeId: string;
  state: OutboxState;
  draft: Draft;
  attempts: number;
  messageId?: string;
  /**
   * Other MessageIds SES accepted for this same row: the request reached SES more than
   * once (Chromium resends a POST on its own when a reused connection closes before the
   * answer, lib/aws/connection.ts). Each is its own ledger row.
   */
  alsoAcceptedAs?: string[];
  error?: UserError;
  /** The findings a blocked send was refused with (so a repeated request gets them again). */
  findings?: Finding[];
  /** What SES was asked to send, from the first attempt on: an event about it can fill in the ledger. */
  sentAs?: SentAs;
  /** When the last attempt left for SES: how long an `unknown` send has been waited on. */
  attemptedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** One message SES accepted, counted in recipients as SES counts. */
export interface LedgerRow {
  messageId: string; // SES MessageId
  outboxId: string;
  sentAt: string; // ISO
  day: string; // YYYY-MM-DD in the plan's time zone
  from: Address;
  recipients: string[]; // lower-cased addresses; multi-entry index
  recipientCount: number;
  subject: string;
  senderTag: string;
}

/**
 * A suppression cache entry: an address Rampart decided (`local`) or SES listed since the
 * last full sync (`ses`), one row per address; the list a full sync read is kept in
 * `suppressionPages`. lib/store/suppression-cache.ts reads the two as one.
 */
export interface SuppressionRow {
  email: string; // lower-cased
  reason: 'BOUNCE' | 'COMPLAINT' | 'UNSUBSCRIBE' | 'MANUAL';
  since: string; // ISO
  /**
   * `local`: a suppression Rampart decided, written only with its decision (a
   * `suppressionDecisions` row of the same address, never deleted); the suppression
   * sync finds the local rows it must not overwrite through those decisions.
   */
  source: 'ses' | 'local';
  /**
   * For `ses` rows (an incremental sync's, or a listed entry an undo put back): the full
   * sync run current when written. A full sync that completes lists everything SES still
   * has on its pages and deletes the `ses` rows of earlier runs by this index; `local`
   * rows have none and are never in that range.
   */
  syncRun?: number;
}

/**
 * Part of SES's suppression list as a full sync read it: a few hundred addresses in one
 * record, found by address through a multi-entry index. A million addresses written a
 * row each cost a million IndexedDB requests; as pages, a few thousand (the index
 * entries are written by the database itself, at a fraction of a request's cost).
 */
export interface SuppressionPageRow {
  /** The full sync that wrote it; the pages of earlier runs go when a full sync ends. */
  run: number;
  /** How many entries that run had read before this page: unique within the run. */
  page: number;
  /** Lower-cased addresses; multi-entry index. */
  emails: string[];
  reasons: ('BOUNCE' | 'COMPLAINT')[];
  /** When SES listed each address (ISO). */
  since: string[];
}

/** Cap reservations, taken in one transaction before a send (several tabs, one cap). */
export interface ReservationRow {
  id: string; // outbox id
  day: string;
  recipients: number;
  createdAt: string; // released when stale and unused
}

export interface ChangeLogRow {
  id?: number;
  at: string;
  kind: string; // 'identity' | 'plan' | 'ramp-action' | 'list-source' | ...
  message: string;
  data?: unknown;
}

/** Small records: account snapshot, sync cursors, pinned identity, ramp state. */
export interface KeyValueRow {
  key: string;
  value: unknown;
  updatedAt: string;
}

/** SES feedback events already applied (SQS delivers at least once). */
export interface AppliedEventRow {
  id: string;
  at: string;
}

/** One transient bounce of one address: the third within 30 days suppresses it. */
export interface SoftBounceRow {
  id: string; // event id + recipient: a redelivered event is the same row
  email: string;
  at: string;
}

/**
 * Feedback counted per day (the send's day when the ledger knows the message), so health
 * rates have a source without VDM; sends per day come from the ledger itself.
 */
export interface FeedbackDayRow {
  day: string; // YYYY-MM-DD in the plan's time zone
  deliveries: number;
  permanentBounces: number;
  transientBounces: number;
  complaints: number;
  unsubscribes: number;
}

/**
 * A suppression Rampart decided, with its true reason and what it replaced, waiting to be
 * (or already) written to SES's list and contact list so the whole team learns it.
 */
export interface SuppressionDecisionRow {
  email: string;
  reason: 'BOUNCE' | 'COMPLAINT' | 'UNSUBSCRIBE' | 'MANUAL';
  /** What decided it: a feedback event, a STOP reply, a CSV import, the user. */
  cause: 'bounce' | 'complaint' | 'soft-bounces' | 'stop-reply' | 'unsubscribe-link' | 'manual' | 'csv';
  at: string;
  /** The cache row this decision replaced, restored by undo. */
  previous: SuppressionRow | null;
  /** `suppress`: to be written to SES; `lift`: undone, to be removed from SES. */
  pending: 'suppress' | 'lift' | null;
  /** Whether the contact list must carry UnsubscribeAll for it. */
  unsubscribe: boolean;
  attempts: number;
  lastError?: string;
  /** Undone by the SDR and shared: kept so a STOP reply is not applied again on its own. */
  lifted?: boolean;
  /**
   * The full sync run current when the lift reached SES: pages of that run or earlier may
   * still list what the SDR undid; a later run read SES after the lift.
   */
  liftedRun?: number;
  /** The day an unsubscribe was counted on (health's unsubscribe rate); undo takes it back. */
  countedDay?: string;
}

/** The tables of Rampart's database, for code that needs only some of them (lib/store/db.ts has the class). */
export interface RampartTables {
  outbox: EntityTable<OutboxRow, 'id'>;
  ledger: EntityTable<LedgerRow, 'messageId'>;
  suppression: EntityTable<SuppressionRow, 'email'>;
  suppressionPages: Table<SuppressionPageRow, [number, number]>;
  reservations: EntityTable<ReservationRow, 'id'>;
  changeLog: EntityTable<ChangeLogRow, 'id'>;
  kv: EntityTable<KeyValueRow, 'key'>;
  appliedEvents: EntityTable<AppliedEventRow, 'id'>;
  softBounces: EntityTable<SoftBounceRow, 'id'>;
  feedbackDays: EntityTable<FeedbackDayRow, 'day'>;
  suppressionDecisions: EntityTable<SuppressionDecisionRow, 'email'>;
}
