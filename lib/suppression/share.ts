import {
  AlreadyExistsException,
  CreateContactCommand,
  DeleteSuppressedDestinationCommand,
  NotFoundException,
  PutSuppressedDestinationCommand,
  UpdateContactCommand,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import { db, type RampartDb, type SuppressionDecisionRow } from '@/lib/store/db';
import { readRecord, SUPPRESSION_CURSOR_KEY, type SuppressionCursor } from '@/lib/store/records';

// Local → shared: every suppression Rampart decides is written to the SES account's
// suppression list, so every SDR of the account learns it at their next sync; an
// unsubscribe also goes to the contact list (UnsubscribeAll), which SendEmail with
// ListManagementOptions honours. Undo reverses both.
//
// SES's list knows only BOUNCE and COMPLAINT: an unsubscribe or a manual suppression is
// written as COMPLAINT (the stronger, never auto-lifted one); the true reason stays in
// the local cache and in the decision row.

export type SesReason = 'BOUNCE' | 'COMPLAINT';

export function sesReasonOf(reason: SuppressionDecisionRow['reason']): SesReason {
  return reason === 'BOUNCE' ? 'BOUNCE' : 'COMPLAINT';
}

export interface ShareTarget {
  ses: SESv2Client;
  /** The contact list carrying unsubscribes, when the team configured one. */
  contactList?: string;
}

/** Set UnsubscribeAll on a contact, creating the contact when the list has none yet. */
async function setUnsubscribeAll(target: ShareTarget & { contactList: string }, email: string, value: boolean): Promise<void> {
  try {
    await target.ses.send(new UpdateContactCommand({ ContactListName: target.contactList, EmailAddress: email, UnsubscribeAll: value }));
  } catch (error) {
    if (!(error instanceof NotFoundException)) throw error;
    // Nobody to resubscribe: an absent contact is already subscribed by default.
    if (!value) return;
    try {
      await target.ses.send(new CreateContactCommand({ ContactListName: target.contactList, EmailAddress: email, UnsubscribeAll: true }));
    } catch (created) {
      // Another SDR created it between the two calls.
      if (!(created instanceof AlreadyExistsException)) throw created;
      await target.ses.send(new UpdateContactCommand({ ContactListName: target.contactList, EmailAddress: email, UnsubscribeAll: true }));
    }
  }
}

/** Write one decision (or its undo) to SES. */
export async function shareDecision(target: ShareTarget, decision: SuppressionDecisionRow): Promise<void> {
  const { email } = decision;
  if (decision.pending === 'suppress') {
    await target.ses.send(new PutSuppressedDestinationCommand({ EmailAddress: email, Reason: sesReasonOf(decision.reason) }));
    if (decision.unsubscribe && target.contactList) await setUnsubscribeAll({ ...target, contactList: target.contactList }, email, true);
    return;
  }
  if (decision.pending === 'lift') {
    const previous = decision.previous;
    if (previous?.source === 'ses' && (previous.reason === 'BOUNCE' || previous.reason === 'COMPLAINT')) {
      // SES listed it before Rampart did: put SES's own reason back rather than lift it.
      await target.ses.send(new PutSuppressedDestinationCommand({ EmailAddress: email, Reason: previous.reason }));
    } else {
      try {
        await target.ses.send(new DeleteSuppressedDestinationCommand({ EmailAddress: email }));
      } catch (error) {
        if (!(error instanceof NotFoundException)) throw error;
      }
    }
    if (decision.unsubscribe && target.contactList) await setUnsubscribeAll({ ...target, contactList: target.contactList }, email, false);
  }
}

export interface FlushResult {
  shared: number;
  failed: number;
  /** The first failure's message, for the caller to show. */
  firstError?: string;
}

const BATCH = 50;
const CONCURRENCY = 8;

/**
 * Share every decision still pending, a batch at a time. A decision changed while its
 * call was in flight stays pending (the newer intent is shared on the next flush).
 */
export async function flushDecisions(target: ShareTarget, database: RampartDb = db()): Promise<FlushResult> {
  const result: FlushResult = { shared: 0, failed: 0 };
  const tried = new Set<string>();
  for (;;) {
    // Shared rows leave the `pending` index; failed ones stay, ahead of the rest in key order.
    const page = await database.suppressionDecisions
      .where('pending')
      .anyOf('suppress', 'lift')
      .offset(result.failed)
      .limit(BATCH)
      .toArray();
    const batch = page.filter((row) => !tried.has(row.email));
    if (batch.length === 0) return result;
    for (let i = 0; i < batch.length; i += CONCURRENCY) {
      await Promise.all(batch.slice(i, i + CONCURRENCY).map((row) => shareOne(target, row, result, tried, database)));
    }
  }
}

async function shareOne(
  target: ShareTarget,
  row: SuppressionDecisionRow,
  result: FlushResult,
  tried: Set<string>,
  database: RampartDb,
): Promise<void> {
  tried.add(row.email);
  let error: unknown;
  try {
    await shareDecision(target, row);
  } catch (thrown) {
    error = thrown;
  }
  await database.transaction('rw', database.suppressionDecisions, database.kv, async () => {
    const now = await database.suppressionDecisions.get(row.email);
    if (!now || now.at !== row.at || now.pending !== row.pending || now.unsubscribe !== row.unsubscribe) return;
    if (error) {
      const message = error instanceof Error ? error.message : String(error);
      await database.suppressionDecisions.put({ ...now, attempts: now.attempts + 1, lastError: message });
    } else if (now.pending === 'lift') {
      const { lastError: _dropped, ...rest } = now;
      // From here on, a full sync that starts reads SES without the lifted entry.
      const liftedRun = (await readRecord(SUPPRESSION_CURSOR_KEY, database))?.fullRun ?? 0;
      await database.suppressionDecisions.put({ ...rest, pending: null, attempts: 0, lifted: true, liftedRun });
    } else {
      const { lastError: _dropped, ...rest } = now;
      await database.suppressionDecisions.put({ ...rest, pending: null, attempts: 0 });
    }
  });
  if (error) {
    result.failed++;
    result.firstError ??= error instanceof Error ? error.message : String(error);
  } else result.shared++;
}
