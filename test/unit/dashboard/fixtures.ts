import type { LedgerRow, RampartDb } from '@/lib/store/db';
import type { AccountSnapshot } from '@/lib/guardrails/context';
import { VDM_METRICS_KEY, type VdmRecord } from '@/lib/account/vdm';
import type { DailyCounts } from '@/lib/ramp/health';
import { ACCOUNT_KEY } from '@/lib/store/records';
import { snapshotOf } from '../send/fixtures';

// What the popup's figures are read from, written as sync and sends write it: on
// 2026-11-20 at noon UTC, for the demo SDR.

export const now = new Date('2026-11-20T12:00:00.000Z');
export const today = '2026-11-20';
export const sender = 'sdr@outbound.example.com';

/** The account snapshot, read an hour before `now`. */
export async function storeAccount(database: RampartDb, patch: Partial<AccountSnapshot> = {}): Promise<void> {
  const snapshot = snapshotOf('2026-11-20T11:00:00.000Z', patch);
  await database.kv.put({ key: ACCOUNT_KEY, value: snapshot, updatedAt: snapshot.syncedAt });
}

export async function storeSend(database: RampartDb, messageId: string, sentAt: string, recipients: string[]): Promise<void> {
  const row: LedgerRow = {
    messageId,
    outboxId: messageId,
    sentAt,
    day: sentAt.slice(0, 10),
    from: { email: sender },
    recipients,
    recipientCount: recipients.length,
    subject: 'Hello',
    senderTag: sender,
  };
  await database.ledger.put(row);
}

/** VDM's daily counts of the last two weeks. */
export async function storeVdm(database: RampartDb, counts: DailyCounts[]): Promise<void> {
  const record: VdmRecord = { enabled: true, syncedAt: now.toISOString(), from: '2026-11-07', to: today, counts };
  await database.kv.put({ key: VDM_METRICS_KEY, value: record, updatedAt: record.syncedAt });
}
