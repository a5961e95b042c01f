import type { RampartDb } from '@/lib/store/db';
import { readFeedbackStatus } from '@/lib/feedback/poll';
import { readAccountSettings } from '@/lib/account/account-settings';
import { healthCounts } from '@/lib/account/health-source';
import { addDays } from '@/lib/core/calendar';
import { health as healthOf, rateNames } from '@/lib/ramp/health';
import { runway } from '@/lib/ramp/runway';
import { plannedSendsLeft } from '@/lib/send/cap-figures';
import { fromIdentity } from '@/lib/account/identities';
import { readRecord, statusKey, syncParts, type SyncPart, type SyncPartStatus } from '@/lib/store/records';
import { activeAlerts } from './alerts';
import { readCapToday } from './cap-today';
import { chartDays } from './chart';
import { fiveMinuteCheck } from './checklist';
import type { ChangeLogLine, DashboardView, HealthView } from './view';

// Everything the popup shows, read from IndexedDB only — no AWS call. The popup paints
// today's cap first (cap-today.ts), then this, then asks for a sync and reads this again.

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

export async function buildDashboard({
  now,
  database,
  configured,
  senderTag,
  fromAddress,
  contactList,
}: DashboardInputs): Promise<DashboardView> {
  // The cap and the ramp first: the ramp may apply an automatic action, which the change
  // log must show.
  const { view: capToday, ramp, account } = await readCapToday({ now, database, senderTag });
  const [identity, accountSettings, sync, log, feedbackRows, feedbackStatus] = await Promise.all([
    fromIdentity(fromAddress, database),
    readAccountSettings(database),
    syncStatuses(database),
    database.changeLog.orderBy('id').reverse().limit(CHANGE_LOG_LINES).toArray(),
    database.feedbackDays.count(),
    readFeedbackStatus(database),
  ]);
  const today = capToday.today;

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

  return {
    ...capToday,
    configured,
    chart: ramp ? await chartDays(ramp.plan, today, senderTag, database) : [],
    health: healthView,
    runway: runway({
      counts: week.counts,
      plannedSends: plannedSendsLeft(capToday.cap),
      accountSends: capToday.cap.ses?.sentLast24Hours ?? 0,
    }),
    alerts: activeAlerts({
      configured,
      account,
      ramp: ramp?.today,
      hasPlan: ramp !== undefined,
      rates: healthView.rates,
      sync,
      feedbackError: feedbackStatus.failures > 0 ? feedbackStatus.lastError : undefined,
    }),
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
    feedback: {
      unreadable: feedbackStatus.unreadable ?? 0,
      ...(feedbackStatus.unreadableReason ? { unreadableReason: feedbackStatus.unreadableReason } : {}),
      ...(feedbackStatus.lastPollAt ? { lastPollAt: feedbackStatus.lastPollAt } : {}),
    },
  };
}

function changeLogLine(row: { at: string; kind: string; message: string; data?: unknown }): ChangeLogLine {
  const data = row.data as { action?: unknown; manual?: unknown } | undefined;
  const action = data?.action;
  return {
    at: row.at,
    kind: row.kind,
    message: row.message,
    ...(typeof action === 'string' ? { action } : {}),
    ...(data?.manual === true ? { manual: true as const } : {}),
  };
}

async function syncStatuses(database: RampartDb): Promise<Partial<Record<SyncPart, SyncPartStatus>>> {
  const statuses: Partial<Record<SyncPart, SyncPartStatus>> = {};
  for (const part of syncParts) {
    const status = await readRecord(statusKey(part), database);
    if (status) statuses[part] = status;
  }
  return statuses;
}
