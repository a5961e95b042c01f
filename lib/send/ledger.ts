import type { Address, Draft } from '@/lib/core/draft';
import { emailKey } from '@/lib/core/email';
import type { LedgerRow, RampartDb } from '@/lib/store/db';
import { localDay } from '@/lib/core/calendar';
import type { EarlierMessage } from '@/lib/aws/message';

// The ledger: one row per message SES accepted, counted in recipients as SES counts them.
// My cap, duplicate follow-ups and (without VDM) every health rate are read from it.

/** The draft's recipients, lower-cased, each once: the ledger's multi-entry index. */
export function ledgerRecipients(draft: Pick<Draft, 'to' | 'cc' | 'bcc'>): string[] {
  return [...new Set([...draft.to, ...draft.cc, ...draft.bcc].map((a) => emailKey(a.email)))];
}

export interface SentMessage {
  messageId: string;
  outboxId: string;
  sentAt: Date;
  /** The day is counted in the plan's time zone. */
  timeZone: string;
  from: Address;
  draft: Pick<Draft, 'to' | 'cc' | 'bcc'>;
  subject: string;
  senderTag: string;
}

export function ledgerRow(sent: SentMessage): LedgerRow {
  const recipients = ledgerRecipients(sent.draft);
  return {
    messageId: sent.messageId,
    outboxId: sent.outboxId,
    sentAt: sent.sentAt.toISOString(),
    day: localDay(sent.sentAt, sent.timeZone),
    from: sent.from,
    recipients,
    recipientCount: recipients.length,
    subject: sent.subject,
    senderTag: sent.senderTag,
  };
}

/** The earlier message a reply answers, when Rampart sent it. */
export async function earlierMessage(database: RampartDb, messageId: string | undefined): Promise<EarlierMessage | undefined> {
  if (messageId === undefined) return undefined;
  const row = await database.ledger.get(messageId);
  return row ? { messageId: row.messageId, subject: row.subject } : undefined;
}
