import { db, type RampartDb, type SuppressionDecisionRow, type SuppressionRow } from '@/lib/store/db';
import { emailKey } from '@/lib/core/email';
import { countFeedback } from '@/lib/store/feedback-days';
import { cacheTables, cachedSuppressions } from '@/lib/store/suppression-cache';

// A suppression Rampart decides (docs/rules.md, "Automatic actions": hard bounce, complaint,
// third soft bounce, unsubscribe by STOP reply or by hand → at once, everywhere). The
// decision is written locally first, so the next check blocks the address even if the
// worker dies now; sharing it with SES (lib/suppression/share.ts) follows from the same row.

export type DecidedReason = SuppressionDecisionRow['reason'];
export type DecisionCause = SuppressionDecisionRow['cause'];

export interface Decision {
  email: string;
  reason: DecidedReason;
  cause: DecisionCause;
  /** Also unsubscribe the address from the contact list (STOP replies, unsubscribes). */
  unsubscribe?: boolean;
  /** A sentence for the change log: the figure or the text that triggered it. */
  because: string;
  /** A prospect's unsubscribe, counted on this day for health's unsubscribe rate. */
  unsubscribeDay?: string;
  /** When the address was suppressed, if not now (an imported list keeps its dates). */
  since?: string;
  /** No change-log line of its own: the caller logs the batch (a CSV import). */
  quiet?: boolean;
}

export type DecideResult =
  | { decided: true; email: string }
  /** Rampart had already decided this address; nothing changed. */
  | { decided: false; email: string; reason: DecidedReason };

/** The tables a decision writes: a caller's transaction must include them all. */
export const decisionTables = (database: RampartDb) => [...cacheTables(database), database.changeLog, database.feedbackDays];

/**
 * Suppress an address locally and queue the decision for SES. Runs inside the caller's
 * transaction when there is one (feedback events apply in one transaction).
 */
export async function decideSuppression(decision: Decision, now: Date, database: RampartDb = db()): Promise<DecideResult> {
  const email = emailKey(decision.email);
  const at = now.toISOString();
  return database.transaction('rw', decisionTables(database), async () => {
    const earlier = await database.suppressionDecisions.get(email);
    if (earlier && earlier.pending !== 'lift' && !earlier.lifted) {
      // A STOP reply after a bounce still owes the contact list its unsubscribe.
      if (decision.unsubscribe && !earlier.unsubscribe) {
        await database.suppressionDecisions.put({ ...earlier, unsubscribe: true, pending: 'suppress', attempts: 0 });
      }
      return { decided: false, email, reason: earlier.reason };
    }
    const [existing] = await cachedSuppressions(database, [email]);
    // An undo still on its way to SES keeps the row it restores: it is what we replace.
    const previous: SuppressionRow | null = earlier?.pending === 'lift' ? earlier.previous : (existing ?? null);
    const row: SuppressionRow = { email, reason: decision.reason, since: decision.since ?? at, source: 'local' };
    await database.suppression.put(row);
    await database.suppressionDecisions.put({
      email,
      reason: decision.reason,
      cause: decision.cause,
      at,
      previous,
      pending: 'suppress',
      unsubscribe: decision.unsubscribe === true,
      attempts: 0,
      ...(decision.unsubscribeDay ? { countedDay: decision.unsubscribeDay } : {}),
    });
    if (decision.unsubscribeDay) await countFeedback(decision.unsubscribeDay, 'unsubscribes', 1, database);
    if (!decision.quiet)
      await database.changeLog.add({
        at,
        kind: 'suppression',
        message: `Suppressed ${email} (${decision.reason.toLowerCase()}): ${decision.because}`,
        data: { email, reason: decision.reason, cause: decision.cause },
      });
    return { decided: true, email };
  });
}

export type UndoResult = { undone: true; email: string } | { undone: false; email: string; code: 'not-decided' };

/**
 * Undo a decision: the cache goes back to what it held before, and SES's list and the
 * contact list are put back when the lift is shared.
 */
/**
 * How long a STOP banner's Undo may lift its own suppression: long enough to take back a
 * misread reply, too short for a page script to lift prospects' requests later. After it,
 * only Rampart's own pages (the lead's tools) lift a suppression.
 */
export const STOP_UNDO_WINDOW_MS = 15 * 60_000;

/**
 * `onlyCause`: undo only a decision of that cause made within the banner's window (a
 * STOP banner, which runs in Gmail's page, may lift only what it just did).
 */
export async function undoSuppression(
  emailInput: string,
  now: Date,
  database: RampartDb = db(),
  onlyCause?: DecisionCause,
): Promise<UndoResult> {
  const email = emailKey(emailInput);
  const at = now.toISOString();
  return database.transaction('rw', decisionTables(database), async () => {
    const decision = await database.suppressionDecisions.get(email);
    if (!decision || decision.pending === 'lift' || decision.lifted) return { undone: false, email, code: 'not-decided' as const };
    if (onlyCause && decision.cause !== onlyCause) return { undone: false, email, code: 'not-decided' as const };
    if (onlyCause && now.getTime() - Date.parse(decision.at) > STOP_UNDO_WINDOW_MS)
      return { undone: false, email, code: 'not-decided' as const };
    if (decision.previous) await database.suppression.put(decision.previous);
    else await database.suppression.delete(email);
    const { countedDay, ...lifted } = decision;
    await database.suppressionDecisions.put({ ...lifted, pending: 'lift', attempts: 0, at });
    // A misread STOP reply was no unsubscribe: take it out of the rate again.
    if (countedDay) await countFeedback(countedDay, 'unsubscribes', -1, database);
    await database.changeLog.add({
      at,
      kind: 'suppression',
      message: `Lifted the suppression of ${email} (${decision.reason.toLowerCase()}) by hand`,
      data: { email, reason: decision.reason, undo: true },
    });
    return { undone: true, email };
  });
}
