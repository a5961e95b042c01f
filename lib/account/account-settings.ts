import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { db, type RampartDb } from '@/lib/store/db';

// The account settings health depends on, from GetAccount: whether VDM is on (SES's own
// counts) and which reasons SES suppresses at once (docs/rules.md's five-minute check:
// "bounces, complaints and unsubscribes suppressed at once"). The account sync keeps
// quota and status; these two are kept here, beside the metrics they decide.

export const ACCOUNT_SETTINGS_KEY = 'metrics:accountSettings';

export interface AccountSettingsRecord {
  /** `VdmAttributes.VdmEnabled` is `ENABLED`; undefined when SES did not say. */
  vdmEnabled?: boolean;
  /** `SuppressionAttributes.SuppressedReasons`: BOUNCE, COMPLAINT. */
  suppressedReasons: string[];
  syncedAt: string;
}

export async function syncAccountSettings(ses: SESv2Client, now: Date, database: RampartDb = db()): Promise<AccountSettingsRecord> {
  const account = await ses.send(new GetAccountCommand({}));
  const vdm = account.VdmAttributes?.VdmEnabled;
  const record: AccountSettingsRecord = {
    ...(vdm ? { vdmEnabled: vdm === 'ENABLED' } : {}),
    suppressedReasons: account.SuppressionAttributes?.SuppressedReasons ?? [],
    syncedAt: now.toISOString(),
  };
  await database.kv.put({ key: ACCOUNT_SETTINGS_KEY, value: record, updatedAt: record.syncedAt });
  return record;
}

export async function readAccountSettings(database: RampartDb = db()): Promise<AccountSettingsRecord | undefined> {
  return (await database.kv.get(ACCOUNT_SETTINGS_KEY))?.value as AccountSettingsRecord | undefined;
}
