import { signInHandlers } from '@/lib/protocol/sign-in-handlers';
import { signInConfigOf } from '@/lib/aws/sign-in/config';
import { registerSignInAtStart, signInAtStart } from '@/lib/aws/sign-in/sign-in-at-start';
import { signInWithHostedUi } from '@/lib/aws/sign-in/web-auth-flow';
import { storedSession } from '@/lib/aws/sign-in/session';
import { isEmulatorProfile } from '@/lib/core/profile';
import { registerManagedPolicyListeners } from '@/lib/account/managed-ramp-plan';
import { db } from '@/lib/store/db';
import { addChangeNote } from '@/lib/account/change-notes';
import { backgroundClock } from '@/lib/aws/clock';
import { ARRIVAL_MARGIN_MS, createPacer } from '@/lib/send/pacing';
import { createOutbox } from '@/lib/send/outbox';
import { guardrailVerdict, reserveForSend } from '@/lib/send/guard';
import { createLiveCheck } from '@/lib/send/live-check';
import { createDomainCheck } from '@/lib/send/domain-check';
import { dohResolver } from '@/lib/store/settings';
import { planTimeZone } from '@/lib/account/ramp';
import { listen, type Handlers } from '@/lib/protocol/router';
import { fetchAccount } from '@/lib/aws/account';
import { awsClients } from '@/lib/aws/client';
import { watchConnections } from '@/lib/aws/connection';
import { describeError } from '@/lib/aws/errors';
import { defaultRetryPolicy } from '@/lib/aws/send';
import { loadSettings } from '@/lib/store/settings';
import { accountSnapshot } from '@/lib/account/snapshot';
import { registerSyncListeners, SYNC_ALARM } from '@/lib/account/sync';
import { handleDashboard, handleSyncWithHealth, registerHealthSync } from '@/lib/dashboard/handler';
import { holdCapToday } from '@/lib/dashboard/held-cap-today';
import { showCapBadge, type BadgeApi } from '@/lib/dashboard/badge';
import { handleRampPlan, handleResumeRamp, handleSaveRampPlan } from '@/lib/account/ramp-handlers';
import { suppressionHandlers } from '@/lib/protocol/suppression-handlers';
import { noteRecentSend, registerFeedbackListeners } from '@/lib/feedback/schedule';
import { readFeedbackStatus } from '@/lib/feedback/poll';
import { handleDrillStatus, handleStartDrill } from '@/lib/feedback/drill';
import { languageChoiceItem } from '@/lib/i18n/language';
import { restrictStorageToExtension } from '@/lib/store/storage-access';

// Wiring only: each message name to the lib/ service that answers it. Nothing here opens
// IndexedDB or the network until a message or an alarm asks for it.

const now = async (): Promise<Date> => (await backgroundClock())();
const timeZone = async (): Promise<string> => planTimeZone(await now(), db());

// SES counts recipients per second against MaxSendRate; the pacer follows the last snapshot.
let maxSendRate = 1;
const pacer = createPacer(() => maxSendRate, undefined, { arrivalMarginMs: ARRIVAL_MARGIN_MS });

// The recipient check: each domain's mail servers over DNS-over-HTTPS, cached per domain.
const recipientDomains = createDomainCheck({ resolver: async () => dohResolver(await loadSettings()) });
/** The send's own check waits longer on an uncached domain than the compose window's. */
const SEND_DOMAIN_WAIT_MS = 3_000;

// The compose window asks for a check on every change: what is not the draft's is held between checks.
const liveCheck = createLiveCheck({
  domains: recipientDomains,
  database: db,
  loadSettings,
  clock: backgroundClock,
  timeZone: planTimeZone,
  onStorageChanged: (listener) => browser.storage.onChanged.addListener(listener),
});

// The popup is opened for today's cap: held between popups, read again soon after any change.
const heldCapToday = holdCapToday({
  database: db,
  loadSettings,
  clock: backgroundClock,
  onStorageChanged: (listener) => browser.storage.onChanged.addListener(listener),
});
// Firefox's Manifest V2 build has browserAction where Chromium's V3 has action.
const toolbarButton = (browser.action ?? (browser as unknown as { browserAction: BadgeApi }).browserAction) as BadgeApi;
/** The badge's writes, one after the other: two views never mix one's colour with the other's text. */
let badgeWrites: Promise<void> = Promise.resolve();
/** Today's cap, and the same number on the toolbar icon. */
async function capToday() {
  const view = await heldCapToday();
  badgeWrites = badgeWrites.then(() => showCapBadge(view, toolbarButton));
  return view;
}
/**
 * After what changes the number (a sync, a send) and on the sync alarm (a new day, SES's
 * rolling 24 hours, a send settled by SES's event): the badge follows without a popup,
 * within the alarm's 15 minutes at worst, and the minute's feedback wake-up reads nothing more.
 */
const refreshBadge = () => void capToday().catch(() => undefined);

const outbox = createOutbox({
  database: db,
  loadSettings,
  clients: awsClients,
  now,
  timeZone,
  retry: defaultRetryPolicy,
  judge: async (draft, settings, at) =>
    guardrailVerdict(draft, settings, at, await timeZone(), db(), { domains: { read: recipientDomains, waitMs: SEND_DOMAIN_WAIT_MS } }),
  reserve: async (row, at) => reserveForSend(row, await loadSettings(), at, await timeZone(), db()),
  pace: async (recipients) => {
    maxSendRate = (await accountSnapshot(db()))?.maxSendRate ?? maxSendRate;
    await pacer.pace(recipients);
  },
  throttled: () => pacer.throttled(),
  // An unknown send is settled by SES's event about it: read the queue closely for a while.
  onUnknown: () => void noteRecentSend(),
  lastPollAt: async () => (await readFeedbackStatus(db())).lastPollAt,
});

const handlers: Handlers = {
  getAccount: async () => fetchAccount(awsClients(await loadSettings()).sesRead),
  // "Sync now" reads the account picture, health's sources (VDM) and the feedback queue together.
  sync: async () => {
    const reply = await handleSyncWithHealth();
    refreshBadge();
    return reply;
  },
  capToday: () => capToday(),
  dashboard: handleDashboard,
  rampPlan: handleRampPlan,
  saveRampPlan: handleSaveRampPlan,
  resumeRamp: handleResumeRamp,
  check: ({ draft }) => liveCheck(draft),
  send: async (request) => {
    const result = await outbox.send(request);
    refreshBadge();
    return result;
  },
  outbox: ({ composeId, limit }) => outbox.list(composeId, limit),
  ...suppressionHandlers,
  ...signInHandlers,
  composeLanguage: async () => ({ choice: await languageChoiceItem.getValue() }),
  startDrill: () => handleStartDrill(),
  drillStatus: () => handleDrillStatus(),
  addChangeNote: async (note) => addChangeNote(db(), await now(), note),
};

export default defineBackground(() => {
  // Registered synchronously: a killed worker must wake to the same listeners.
  listen(browser, handlers, describeError);
  // Before any send: the browser's word on each request (not connected means not sent).
  watchConnections(browser.webRequest);
  void restrictStorageToExtension(browser);
  registerSyncListeners();
  registerHealthSync();
  registerFeedbackListeners();
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) refreshBadge();
  });
  registerManagedPolicyListeners(now);
  // The emulator profile signs itself in through the emulator's hosted UI (no window).
  if (isEmulatorProfile) {
    registerSignInAtStart((config) => signInWithHostedUi(config, { interactive: false }));
    void loadSettings().then(async (settings) => {
      const config = signInConfigOf(settings);
      if (config && !(await storedSession(config))) await signInAtStart(config);
    });
  }
});
