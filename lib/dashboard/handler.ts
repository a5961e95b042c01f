import { db } from '@/lib/store/db';
import { backgroundClock } from '@/lib/aws/clock';
import type { SyncReply } from '@/lib/account/sync';
import type { DashboardView } from './view';
import { currentRamp } from '@/lib/account/ramp';
import { awsClients } from '@/lib/aws/client';
import { isConfigured, loadSettings } from '@/lib/store/settings';
import { handleSync, SYNC_ALARM } from '@/lib/account/sync';
import { syncHealthSources, type HealthSyncOutcome } from '@/lib/account/metrics-sync';
import { handlePollFeedback } from '@/lib/feedback/schedule';
import { buildDashboard } from './build';

// The background's side of the popup: `dashboard` reads IndexedDB only (`capToday` too,
// and is held between popups: held-cap-today.ts); `sync` syncs the account picture and
// health's sources and drains the feedback queue, then applies the ramp's automatic actions.

export async function handleDashboard(): Promise<DashboardView> {
  const [settings, clock] = await Promise.all([loadSettings(), backgroundClock()]);
  return buildDashboard({
    now: clock(),
    database: db(),
    configured: isConfigured(settings),
    senderTag: settings.senderTag || settings.fromAddress,
    fromAddress: settings.fromAddress,
    ...(settings.contactList ? { contactList: settings.contactList } : {}),
  });
}

/** Health's sources from SES, then the ramp evaluated on them (its actions logged). */
export async function syncHealth(): Promise<HealthSyncOutcome> {
  const settings = await loadSettings();
  const now = (await backgroundClock())();
  const outcome: HealthSyncOutcome = isConfigured(settings) ? await syncHealthSources(awsClients(settings).sesRead, now) : { ok: true };
  await currentRamp(now);
  return outcome;
}

/** The feedback queue drained now rather than at the next minute's alarm; before set-up there is none. */
async function drainFeedback(): Promise<void> {
  if (!isConfigured(await loadSettings())) return;
  // A failure is in the feedback status, which the popup shows as an alert
  // (`feedback-failed`): the account's own sync stands on its own.
  await handlePollFeedback();
}

/** The `sync` message: the account picture, health and the feedback queue together, as "sync now" means. */
export async function handleSyncWithHealth(): Promise<SyncReply> {
  // Independent reads, run together; the ramp is evaluated again on every dashboard read,
  // so it sees the account sync's figures and the events just applied too.
  const [reply, health] = await Promise.all([handleSync(), syncHealth(), drainFeedback()]);
  if (reply.ok && !health.ok && health.error) return { ok: false, at: reply.at, error: health.error };
  return reply;
}

/**
 * Health is synced when the account is: on its alarm, at start-up and on install. Call
 * synchronously in the background's main.
 */
export function registerHealthSync(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncHealth();
  });
  browser.runtime.onStartup.addListener(() => void syncHealth());
  browser.runtime.onInstalled.addListener(() => void syncHealth());
}
