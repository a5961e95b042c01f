import type { OutboxRow, RampartDb, SentAs } from '@/lib/store/db';
import { ledgerRow } from './ledger';
import type { UserError } from '@/lib/core/errors';
import { pinAfterSend } from './guard';

// Settling an outbox row once SES's answer is known, from whichever comes first: the
// SendEmail answer itself, or SES's own event about the message (Send, Reject, Rendering
// Failure), found by the `outbox` tag every send carries. Both may come, in either
// order, and the event may come twice (SQS delivers at least once): each step is keyed
// by the message id, so the ledger gets one row and the cap counts the send once.
// A MessageId other than the row's is another copy SES accepted (the request reached it
// twice): its own ledger row, counted as SES counts it, and said on the row.

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
    const first = row.messageId;
    const copy = first !== undefined && first !== accepted.messageId;
    // Accepted before but recorded nowhere yet (outbox.ts recordSent): that one first.
    if (copy && row.state === 'unknown') {
      await settleSent(database, id, { ...accepted, messageId: first, sentAt: new Date(row.attemptedAt ?? row.updatedAt) }, as);
      return settleSent(database, id, accepted, as);
    }
    // Known already: a Reject that came first stays (SES said the message did not go), a copy is counted once.
    if ((row.state === 'failed' && first === accepted.messageId) || row.alsoAcceptedAs?.includes(accepted.messageId)) return row;
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
    // The row's own message is the one that went: a refused first one becomes the copy.
    const [messageId, copies] =
      copy && row.state !== 'failed'
        ? [first, [...(row.alsoAcceptedAs ?? []), accepted.messageId]]
        : [accepted.messageId, copy ? [first, ...(row.alsoAcceptedAs ?? [])] : row.alsoAcceptedAs];
    const settled: OutboxRow = { ...row, state: 'sent', messageId, sentAs: as, updatedAt: at };
    if (accepted.attempts !== undefined) settled.attempts = accepted.attempts;
    delete settled.error;
    if (copies?.length) {
      settled.alsoAcceptedAs = copies;
      settled.error = { code: 'sent-twice', message: acceptedTwice(messageId, copies) };
    }
    if (copy) {
      await database.changeLog.add({
        at,
        kind: 'send',
        message: `“${as.subject}”: ${acceptedTwice(messageId, copies ?? [])}`,
      });
    }
    await database.outbox.put(settled);
    return settled;
  });
}

/** The sentence of a row SES accepted more than once. */
export function acceptedTwice(messageId: string, copies: readonly string[]): string {
  return `SES accepted this message ${copies.length > 1 ? `${copies.length + 1} times` : 'twice'} (${[messageId, ...copies].join(', ')}): its recipients may get it more than once. Each copy counts against today’s quota.`;
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
    // Another copy of a message SES took: the row's own message decides what it says.
    if (row.messageId !== undefined && row.messageId !== accepted.messageId) return row;
    const copies = row.alsoAcceptedAs?.length ? ` ${acceptedTwice(accepted.messageId, row.alsoAcceptedAs)}` : '';
    const failed: OutboxRow = {
      ...row,
      state: 'failed',
      messageId: accepted.messageId,
      error: { ...error, message: error.message + copies },
      updatedAt: accepted.sentAt.toISOString(),
    };
    await database.outbox.put(failed);
    await database.reservations.delete(id);
    return failed;
  });
}
