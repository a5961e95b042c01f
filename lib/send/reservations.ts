import { db, type LedgerRow, type OutboxState, type RampartDb, type ReservationRow } from '@/lib/store/db';
import type { UserError } from '@/lib/core/errors';

// Cap reservations (docs/architecture.md): before a send, its recipients are reserved against
// today's cap in ONE read-write transaction over the ledger, the live reservations and
// the outbox. IndexedDB runs read-write transactions on the same stores one after the
// other, so several Gmail tabs clicking Send at once are counted in turn and together
// cannot pass the cap: the check and the write are one step.
//
// A reservation lives until its send is committed (the ledger row replaces it in the
// same transaction) or released (refused, failed for certain). One left behind by a
// worker killed mid-send goes stale after a couple of minutes and stops counting —
// unless its outbox row says the message may have reached SES (`sending`, `unknown`),
// since SES may have counted it too, or is still waiting its turn under the send rate
// (`queued`: a dead worker's queued rows are turned `failed` when the outbox recovers).

/** A reservation older than this, whose send never started, no longer holds the cap. */
export const STALE_RESERVATION_MS = 2 * 60_000;

const STILL_HOLDING: readonly OutboxState[] = ['queued', 'sending', 'unknown'];

/**
 * What a reservation is checked against, all counted in recipients.
 *
 * `mine` is my cap for `day`, against my ledger rows of that day. `account` is what the
 * account-wide limits (the team cap and SES's rolling quota, less `SentLast24Hours`)
 * left when the account snapshot was taken: sends recorded in the ledger since
 * `snapshotAt` are taken off it, since that snapshot cannot know them.
 */
export interface ReservationLimits {
  mine?: { cap: number };
  account?: { remaining: number; snapshotAt: string };
}

export type ReservationRefusal = 'cap-mine' | 'cap-account';

export type ReservationResult =
  { granted: true; remaining: number } | { granted: false; remaining: number; reason: ReservationRefusal; error: UserError };

export interface ReservationOptions {
  now?: Date;
  database?: RampartDb;
}

/** Recipients already counted against `day` and against the account snapshot. */
export interface CapUsage {
  today: number;
  sinceSnapshot: number;
}

async function usedInTransaction(
  database: RampartDb,
  day: string,
  snapshotAt: string | undefined,
  now: Date,
  excludeId: string | undefined,
  deleteStale: boolean,
): Promise<CapUsage> {
  // Read whole (one getAll each) rather than walked with a cursor (a round trip per row):
  // a day's sends are few, and this runs before every send and every popup paint.
  const [ofDay, sinceSnapshotRows, live] = await Promise.all([
    database.ledger.where('day').equals(day).toArray(),
    snapshotAt === undefined ? [] : database.ledger.where('sentAt').above(snapshotAt).toArray(),
    liveReservations(database, day, now, excludeId, deleteStale),
  ]);
  let today = 0;
  for (const row of ofDay) today += row.recipientCount;
  let sinceSnapshot = 0;
  for (const row of sinceSnapshotRows) sinceSnapshot += row.recipientCount;
  for (const reservation of live) {
    today += reservation.recipients;
    // A reservation not yet in the ledger cannot be in any snapshot either.
    sinceSnapshot += reservation.recipients;
  }
  return { today, sinceSnapshot };
}

/**
 * The reservations of `day` that still hold the cap; stale ones are left out, and deleted
 * on the way when the caller's transaction may write.
 */
async function liveReservations(
  database: RampartDb,
  day: string,
  now: Date,
  excludeId: string | undefined,
  deleteStale: boolean,
): Promise<ReservationRow[]> {
  const rows = await database.reservations.where('day').equals(day).toArray();
  const staleBefore = now.getTime() - STALE_RESERVATION_MS;
  const old = rows.filter((r) => Date.parse(r.createdAt) < staleBefore);
  const outboxOfOld = await database.outbox.bulkGet(old.map((r) => r.id));
  const stale = new Set(old.filter((_, i) => !STILL_HOLDING.includes(outboxOfOld[i]?.state ?? 'failed')).map((r) => r.id));
  if (deleteStale && stale.size > 0) await database.reservations.bulkDelete([...stale]);
  return rows.filter((r) => !stale.has(r.id) && r.id !== excludeId);
}

function remainingUnder(limits: ReservationLimits, used: CapUsage): { mine: number; account: number } {
  return {
    mine: limits.mine ? limits.mine.cap - used.today : Infinity,
    account: limits.account ? limits.account.remaining - used.sinceSnapshot : Infinity,
  };
}

/**
 * Reserve `recipients` recipients of today's cap for the send `outboxId`, or refuse when
 * the cap would be exceeded. Asking again for the same outbox id (a resent click) moves
 * the reservation rather than counting it twice.
 */
export async function reserve(
  outboxId: string,
  recipients: number,
  day: string,
  limits: ReservationLimits,
  options: ReservationOptions = {},
): Promise<ReservationResult> {
  const database = options.database ?? db();
  const now = options.now ?? new Date();
  return database.transaction('rw', database.ledger, database.reservations, database.outbox, async () => {
    const used = await usedInTransaction(database, day, limits.account?.snapshotAt, now, outboxId, true);
    const left = remainingUnder(limits, used);
    const remaining = Math.max(0, Math.min(left.mine, left.account));
    if (recipients > left.mine || recipients > left.account) {
      const reason: ReservationRefusal = left.mine <= left.account ? 'cap-mine' : 'cap-account';
      return { granted: false, remaining, reason, error: refusal(reason, recipients, remaining) };
    }
    await database.reservations.put({ id: outboxId, day, recipients, createdAt: now.toISOString() });
    return { granted: true, remaining: remaining - recipients };
  });
}

function refusal(reason: ReservationRefusal, recipients: number, remaining: number): UserError {
  const whose = reason === 'cap-mine' ? 'your cap for today' : 'the account’s cap for today';
  const asked = `${recipients} recipient${recipients === 1 ? '' : 's'}`;
  return {
    code: 'cap-reached',
    message:
      remaining === 0
        ? `Nothing is left of ${whose}: this send (${asked}) was not made.`
        : `Only ${remaining} ${remaining === 1 ? 'recipient is' : 'recipients are'} left of ${whose}; this send has ${asked} and was not made.`,
  };
}

/** Give back a reservation whose send was refused or certainly failed. */
export async function release(outboxId: string, options: Pick<ReservationOptions, 'database'> = {}): Promise<void> {
  await (options.database ?? db()).reservations.delete(outboxId);
}

/**
 * The send went out: its ledger row takes the reservation's place, in one transaction so
 * the recipients are never counted twice nor dropped in between. Without a ledger row
 * (written elsewhere, already in the same transaction) the reservation is just removed.
 */
export async function commit(outboxId: string, ledgerRow?: LedgerRow, options: Pick<ReservationOptions, 'database'> = {}): Promise<void> {
  const database = options.database ?? db();
  await database.transaction('rw', database.ledger, database.reservations, async () => {
    if (ledgerRow) await database.ledger.put(ledgerRow);
    await database.reservations.delete(outboxId);
  });
}

/**
 * What already counts against the cap, for the cap figures a verdict shows: recipients
 * of `day` (my ledger and live reservations) and, when `snapshotAt` is given, those sent
 * or reserved since the account snapshot was taken. Read-only, so the popup and the
 * compose check never queue behind a send's transaction nor wait on a commit: stale
 * reservations are left out here and deleted by the next reservation.
 */
export async function capUsage(day: string, snapshotAt: string | undefined, options: ReservationOptions = {}): Promise<CapUsage> {
  const database = options.database ?? db();
  const now = options.now ?? new Date();
  return database.transaction('r', database.ledger, database.reservations, database.outbox, () =>
    usedInTransaction(database, day, snapshotAt, now, undefined, false),
  );
}
