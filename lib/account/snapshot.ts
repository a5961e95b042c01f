import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { db, type RampartDb } from '@/lib/store/db';
import type { AccountSnapshot } from '@/lib/guardrails/context';
import { accountViewOf } from '@/lib/aws/account';
import { ACCOUNT_KEY, readRecord, writeRecord } from '@/lib/store/records';

// The account snapshot (GetAccount): sandbox or production, sending enabled,
// enforcement status, and the quota — Max24HourSend, MaxSendRate, SentLast24Hours —
// that every SDR's extension reads from the same SES account.

/** Read GetAccount and keep it, dated, as the account snapshot. */
export async function syncAccount(ses: SESv2Client, now: () => Date, database: RampartDb = db()): Promise<AccountSnapshot> {
  const response = await ses.send(new GetAccountCommand({}));
  // Dated when the answer arrived: the ledger's sends after this moment are not in its
  // SentLast24Hours.
  const at = now();
  const snapshot: AccountSnapshot = { ...accountViewOf(response), syncedAt: at.toISOString() };
  await writeRecord(ACCOUNT_KEY, snapshot, at, database);
  return snapshot;
}

/** The last snapshot kept, whatever its age; null before the first sync. */
export async function accountSnapshot(database: RampartDb = db()): Promise<AccountSnapshot | null> {
  return (await readRecord(ACCOUNT_KEY, database)) ?? null;
}
