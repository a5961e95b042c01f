import { BatchGetMetricDataCommand, type BatchGetMetricDataQuery, type MetricDataError, type SESv2Client } from '@aws-sdk/client-sesv2';
import { db, type RampartDb } from '@/lib/store/db';
import { readRecord, writeRecord, type VdmRecord } from '@/lib/store/records';
import type { UserError } from '@/lib/core/errors';
import { addDays, type CalendarDay } from '@/lib/core/calendar';
import { fromVdm, type DailyCounts } from '@/lib/ramp/health';

// SES's own counts (Virtual Deliverability Manager), read with BatchGetMetricData at sync
// time and kept in IndexedDB, so that the popup and the ramp read them without calling
// AWS. VDM is account-wide: every SDR's extension sees the same team figures. Whether
// VDM is on is learnt by asking: with VDM off, SES answers every query in `Errors`.

export const VDM_METRICS_KEY = 'metrics:vdm';
export type { VdmRecord };

/** Days asked for: the health window (7) and the 7 before it, which settle past ramp days. */
export const VDM_DAYS = 14;

const metrics = ['SEND', 'DELIVERY', 'PERMANENT_BOUNCE', 'TRANSIENT_BOUNCE', 'COMPLAINT'] as const;

/** The queries for the UTC days `from` up to `now` (VDM's days are UTC days). */
export function vdmQueries(from: CalendarDay, now: Date): BatchGetMetricDataQuery[] {
  return metrics.map((metric) => ({
    Id: metric.toLowerCase(),
    Namespace: 'VDM',
    Metric: metric,
    StartDate: new Date(`${from}T00:00:00.000Z`),
    EndDate: now,
  }));
}

function vdmOff(errors: readonly MetricDataError[]): UserError {
  const first = errors[0];
  return {
    code: 'vdm-unavailable',
    message: `SES metrics (VDM) are not available for this account${first?.Message ? `: ${first.Message}` : ''}. Health is read from Rampart’s own ledger.`,
  };
}

/** Read the last `VDM_DAYS` days of VDM counts and keep them; a network failure throws and keeps the last record. */
export async function syncVdmMetrics(ses: SESv2Client, now: Date, database: RampartDb = db()): Promise<VdmRecord> {
  const to = now.toISOString().slice(0, 10);
  const from = addDays(to, -(VDM_DAYS - 1));
  const queries = vdmQueries(from, now);
  const response = await ses.send(new BatchGetMetricDataCommand({ Queries: queries }));
  const errors = response.Errors ?? [];
  const syncedAt = now.toISOString();
  const record: VdmRecord =
    (response.Results ?? []).length === 0 && errors.length > 0
      ? { enabled: false, syncedAt, reason: vdmOff(errors) }
      : {
          enabled: true,
          syncedAt,
          from,
          to,
          // Every day of the range is in the answer, zeros included; a metric that failed stays unknown.
          counts: fromVdm(response, queries),
          ...(errors.length > 0 ? { failed: errors.map((e) => e.Id ?? '?') } : {}),
        };
  await writeRecord(VDM_METRICS_KEY, record, new Date(syncedAt), database);
  return record;
}

export async function readVdmRecord(database: RampartDb = db()): Promise<VdmRecord | undefined> {
  return readRecord(VDM_METRICS_KEY, database);
}
