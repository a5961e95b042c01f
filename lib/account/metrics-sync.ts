import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { db, type RampartDb } from '@/lib/store/db';
import { writeRecord } from '@/lib/store/records';
import type { UserError } from '@/lib/core/errors';
import { describeError } from '@/lib/aws/errors';
import { syncAccountSettings } from './account-settings';
import { syncVdmMetrics, VDM_METRICS_KEY, type VdmRecord } from './vdm';

// Reading health's sources from SES at sync time, so that the popup and the ramp read
// IndexedDB only. With VDM off (GetAccount says so, or every query comes back refused)
// the VDM record says why and health falls back to the ledger.

export interface HealthSyncOutcome {
  ok: boolean;
  vdm?: VdmRecord;
  error?: UserError;
}

export async function syncHealthSources(ses: SESv2Client, now: Date, database: RampartDb = db()): Promise<HealthSyncOutcome> {
  try {
    const settings = await syncAccountSettings(ses, now, database);
    if (settings.vdmEnabled === false) {
      const vdm: VdmRecord = {
        enabled: false,
        syncedAt: now.toISOString(),
        reason: { code: 'vdm-off', message: 'SES metrics (VDM) are off for this account: health is read from Rampart’s own ledger.' },
      };
      await writeRecord(VDM_METRICS_KEY, vdm, new Date(vdm.syncedAt), database);
      return { ok: true, vdm };
    }
    return { ok: true, vdm: await syncVdmMetrics(ses, now, database) };
  } catch (error) {
    // The last figures stay; the popup shows when they were read.
    const { code, message } = describeError(error);
    return { ok: false, error: { code, message: `Rampart could not read SES metrics: ${message}` } };
  }
}
