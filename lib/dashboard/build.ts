import type { RampartDb } from '../db';
import { readAccountSettings } from '../metrics/account-settings';
import { healthCounts } from '../metrics/health-source';
import { addDays, localDay, runtimeTimeZone } from '../ramp/calendar';
import { health as healthOf, rateNames } from '../ramp/health';
import { quotaNeeded, target } from '../ramp/plan';
import { currentRamp } from '../ramp-store/ramp';
import { accountSnapshot } from '../sync/account';
import { fromIdentity } from '../sync/identities';
import { readRecord, statusKey, syncParts, type SyncPart, type SyncPartStatus } from '../sync/records';
import { activeAlerts } from './alerts';
import { capFigures, capInputs } from './cap-figures';
import { chartDays } from './chart';
import { fiveMinuteCheck } from './checklist';
import type { ChangeLogLine, DashboardView, HealthView, RampView } from './view';

// Everything the popup shows, read from IndexedDB only — no AWS call — so the popup
// paints at once; it asks for a sync afterwards and reads this again.

/** Change-log lines the popup shows (the options page has room for more). */
export const CHANGE_LOG_LINES = 8;

export interface DashboardInputs {
  now: Date;
  database: RampartDb;
  configured: boolean;
  senderTag: string;
  fromAddress: string;
  contactList?: string;
}

export async function buildDashboard({ now, database, configured, senderTag, fromAddress, contactList }: DashboardInputs): Promise<DashboardView> {
  // The ramp first: it may apply an automatic action, which the change log must show.
  const ramp = await currentRamp(now, database);
  const [account, identity, accountSettings, sync, log, feedbackRows] = await Promise.all([
    accountSnapshot(database),
    fromIdentity(fromAddress, database),
    readAccountSettings(database),
    syncStatuses(database),
    database.changeLog.orderBy('id').reverse().limit(CHANGE_LOG_LINES).toArray(),
    database.feedbackDays.count(),
  ]);
  const today = ramp?.today.day ?? localDay(now, runtimeTimeZone());

  // The ramp has just read the health counts; without a plan they are read here.
  const counts = ramp?.health ?? (await healthCounts(addDays(today, -6), today, database));
  const week = healthOf(counts.counts, today).lastSevenDays;
  const healthView: HealthView = {
    source: counts.source,
    ...(counts.syncedAt ? { syncedAt: counts.syncedAt } : {}),
    ...(counts.fallbackReason ? { fallbackReason: counts.fallbackReason } : {}),
    from: week.from,
    to: week.to,
    status: week.status,
    rates: rateNames.map((name) => week.rates[name]),
  };

  const cap = capFigures(await capInputs({ ramp, account, senderTag, now, database }));
  const rampView: RampView | null = ramp
    ? {
        dayNumber: ramp.today.dayNumber,
        rampDay: ramp.today.rampDay,
        status: ramp.today.status,
        plannedCap: ramp.today.plannedCap,
        stepCap: ramp.today.stepCap,
        teamCap: ramp.today.teamCap,
        limits: ramp.today.limits,
        ...(ramp.today.freezeUntil ? { freezeUntil: ramp.today.freezeUntil } : {}),
        target: target(ramp.plan),
        quotaNeeded: quotaNeeded(ramp.plan),
        startDate: ramp.plan.startDate,
        timeZone: ramp.plan.timeZone,
      }
    : null;

  return {
    now: now.toISOString(),
    today,
    configured,
    account,
    sandbox: account ? !account.productionAccessEnabled : null,
    cap,
    ramp: rampView,
    chart: ramp ? await chartDays(ramp.plan, today, senderTag, database) : [],
    health: healthView,
    alerts: activeAlerts({ configured, account, ramp: ramp?.today, hasPlan: ramp !== undefined, rates: healthView.rates, sync }),
    changeLog: log.map(changeLogLine),
    checklist: fiveMinuteCheck({
      account,
      fromAddress,
      fromIdentity: identity,
      plan: ramp?.record,
      accountSettings,
      healthSource: counts.source,
      feedbackFlowing: feedbackRows > 0,
      contactList,
      now,
    }),
    sync,
  };
}

function changeLogLine(row: { at: string; kind: string; message: string; data?: unknown }): ChangeLogLine {
  const action = (row.data as { action?: unknown } | undefined)?.action;
  return { at: row.at, kind: row.kind, message: row.message, ...(typeof action === 'string' ? { action } : {}) };
}

async function syncStatuses(database: RampartDb): Promise<Partial<Record<SyncPart, SyncPartStatus>>> {
  const statuses: Partial<Record<SyncPart, SyncPartStatus>> = {};
  for (const part of syncParts) {
    const status = await readRecord<SyncPartStatus>(statusKey(part), database);
    if (status) statuses[part] = status;
  }
  return statuses;
}

