import type { OutboxRow, RampartDb, SentAs } from '@/lib/store/db';
import { ledgerRow } from './ledger';
import type { UserError } from '@/lib/core/errors';
import { pinAfterSend } from './guard';

// Settling an outbox row once SES's answer is known, from whichever comes first: the
// SendEmail answer itself, or SES's own event about the message (Send, Reject, Rendering
// Failure), found by the `outbox` tag every send carries. Both may come, in either
// order, and the event may come twice (SQS delivers at least once): each step is keyed
// by the message id, so the ledger gets one row and the cap counts the send once.

/** The tables a settlement writes; a caller's transaction must include them. */
export function settleTables(database: RampartDb) {
  return [database.outbox, database.ledger, database.reservations, database.kv, database.changeLog];
}

export interface Accepted {
  messageId: string;
  /** When SES took the message (its answer, or the event's mail timestamp). */
  sentAt: Date;
  timeZone: string;
  attempts?: number;
}

/**
 * SES took the message: the row is `sent` with its id, the ledger counts it and the
 * reservation goes, in one transaction (the caller's, when it has one). Returns the row
 * as it ends, or undefined when there is no such row or nothing to build its ledger row from.
 */
export async function settleSent(database: RampartDb, id: string, accepted: Accepted, sentAs?: SentAs): Promise<OutboxRow | undefined> {
  return database.transaction('rw', settleTables(database), async () => {
    const row = await database.outbox.get(id);
    if (!row) return undefined;
    const as = sentAs ?? row.sentAs;
    if (!as) return undefined;
    // A Reject that came first stays: SES said the message did not go.
    if (row.state === 'failed' && row.messageId === accepted.messageId) return row;
    const at = accepted.sentAt.toISOString();
    if (!(await database.ledger.get(accepted.messageId))) {
      await database.ledger.put(
        ledgerRow({
          messageId: accepted.messageId,
          outboxId: id,
          sentAt: accepted.sentAt,
          timeZone: accepted.timeZone,
          from: as.from,
          draft: row.draft,
          subject: as.subject,
          senderTag: as.senderTag,
        }),
      );
      await pinAfterSend(database, as.from, accepted.sentAt);
    }
    await database.reservations.delete(id);
    const settled: OutboxRow = { ...row, state: 'sent', messageId: accepted.messageId, sentAs: as, updatedAt: at };
    if (accepted.attempts !== undefined) settled.attempts = accepted.attempts;
    delete settled.error;
    await database.outbox.put(settled);
    return settled;
  });
}

/**
 * SES took the call, then refused the message itself (a Reject, a rendering failure): it
 * was not delivered, but SES counted it against the quota, so the ledger keeps it.
 */
export async function settleRefused(database: RampartDb, id: string, accepted: Accepted, error: UserError): Promise<OutboxRow | undefined> {
  return database.transaction('rw', settleTables(database), async () => {
    const sent = await settleSent(database, id, accepted);
    const row = sent ?? (await database.outbox.get(id));
    if (!row) return undefined;
    const failed: OutboxRow = { ...row, state: 'failed', messageId: accepted.messageId, error, updatedAt: accepted.sentAt.toISOString() };
    await database.outbox.put(failed);
    await database.reservations.delete(id);
    return failed;
  });
}
