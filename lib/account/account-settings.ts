import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { db, type RampartDb } from '@/lib/store/db';
import { readRecord, writeRecord, type AccountSettingsRecord } from '@/lib/store/records';

// The account settings health depends on, from GetAccount: whether VDM is on (SES's own
// counts) and which reasons SES suppresses at once (docs/rules.md's five-minute check:
// "bounces, complaints and unsubscribes suppressed at once"). The account sync keeps
// quota and status; these two are kept here, beside the metrics they decide.

export const ACCOUNT_SETTINGS_KEY = 'metrics:accountSettings';
export type { AccountSettingsRecord };

export async function syncAccountSettings(ses: SESv2Client, now: Date, database: RampartDb = db()): Promise<AccountSettingsRecord> {
  const account = await ses.send(new GetAccountCommand({}));
  const vdm = account.VdmAttributes?.VdmEnabled;
  const record: AccountSettingsRecord = {
    ...(vdm ? { vdmEnabled: vdm === 'ENABLED' } : {}),
    suppressedReasons: account.SuppressionAttributes?.SuppressedReasons ?? [],
    syncedAt: now.toISOString(),
  };
  await writeRecord(ACCOUNT_SETTINGS_KEY, record, new Date(record.syncedAt), database);
  return record;
}

export async function readAccountSettings(database: RampartDb = db()): Promise<AccountSettingsRecord | undefined> {
  return readRecord(ACCOUNT_SETTINGS_KEY, database);
}
