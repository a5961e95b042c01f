import { db, type RampartDb } from '@/lib/store/db';
import type { CalendarDay } from '@/lib/core/calendar';
import type { DailyCounts } from '@/lib/core/calendar';
import { ledgerDailyCounts } from './ledger-counts';
import { readVdmRecord, type VdmRecord } from './vdm';

// Which counts health is read from (docs/rules.md): SES's VDM metrics when the account has
// them, else Rampart's ledger joined with the suppression list. Read from IndexedDB only:
// the VDM figures are fetched at sync time (vdm.ts).

export type HealthSourceName = 'vdm' | 'ledger';

export interface HealthCounts {
  source: HealthSourceName;
  counts: DailyCounts[];
  /** VDM: when its figures were read from SES. */
  syncedAt?: string;
  /** Why the ledger is used: VDM off, or never read yet. */
  fallbackReason?: string;
}

export async function healthCounts(from: CalendarDay, to: CalendarDay, database: RampartDb = db()): Promise<HealthCounts> {
  return healthCountsFrom(await readVdmRecord(database), from, to, database);
}

/** `healthCounts` with VDM's record already read (or known absent) by the caller. */
export async function healthCountsFrom(
  vdm: VdmRecord | undefined,
  from: CalendarDay,
  to: CalendarDay,
  database: RampartDb = db(),
): Promise<HealthCounts> {
  if (vdm?.enabled) {
    return { source: 'vdm', counts: vdm.counts.filter((d) => d.day >= from && d.day <= to), syncedAt: vdm.syncedAt };
  }
  return {
    source: 'ledger',
    counts: await ledgerDailyCounts(from, to, database),
    fallbackReason: vdm ? vdm.reason.message : 'SES metrics (VDM) have not been read yet: health is read from Rampart’s own ledger.',
  };
}
