import { db } from '@/lib/store/db';
import { readRecord, writeRecord } from '@/lib/store/records';
import { backgroundClock } from '@/lib/aws/clock';
import { planTimeZone } from '@/lib/account/ramp';
import { awsClients } from '@/lib/aws/client';
import { describeError } from '@/lib/aws/errors';
import { isConfigured, loadSettings } from '@/lib/store/settings';
import type { PollFeedbackReply } from '@/lib/suppression/messages';
import { pollFeedbackOnce, readFeedbackStatus, type PollRound, type PollTarget } from './poll';
import { feedbackQueue } from './queue';

// When the background polls its feedback queue: on an alarm every minute (a short poll
// that drains what is waiting), and in long polls for a few minutes after each send,
// when bounces and complaints arrive. An MV3 worker may die at any moment, so "a send
// was recent" lives in IndexedDB: the next alarm picks the long polls up again.

export const FEEDBACK_ALARM = 'rampart.feedback';
const ALARM_PERIOD_MINUTES = 1;
/** How long after a send the background keeps long-polling. */
export const RECENT_SEND_MS = 5 * 60_000;
const ACTIVE_UNTIL_KEY = 'feedback:activeUntil';
/** SQS's longest long poll. */
const LONG_POLL_S = 20;
const BATCH = 10;

async function pollTarget(): Promise<PollTarget> {
  const settings = await loadSettings();
  const queue = await feedbackQueue(settings);
  const clients = awsClients(settings);
  const now = await backgroundClock();
  return {
    ...queue,
    share: { ses: clients.sesRead, ...(settings.contactList ? { contactList: settings.contactList } : {}) },
    ...(settings.contactTopic ? { contactTopic: settings.contactTopic } : {}),
    now,
    timeZone: await planTimeZone(now()),
    renewCredentials: () => clients.credentials.invalidate(),
  };
}

async function activeUntil(): Promise<number> {
  return (await readRecord(ACTIVE_UNTIL_KEY)) ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function summarise(rounds: PollRound[], lastEventAt: string | undefined): PollFeedbackReply {
  const reply: PollFeedbackReply = {
    received: rounds.reduce((n, r) => n + r.received, 0),
    applied: rounds.reduce((n, r) => n + r.applied, 0),
    duplicates: rounds.reduce((n, r) => n + r.duplicates, 0),
    suppressed: rounds.flatMap((r) => r.suppressed),
  };
  if (lastEventAt) reply.lastEventAt = lastEventAt;
  return reply;
}

/** Drain what waits in the queue now: short polls until one comes back short. */
async function drain(target: PollTarget, firstWaitSeconds: number): Promise<PollRound[]> {
  const rounds: PollRound[] = [];
  let wait = firstWaitSeconds;
  for (;;) {
    const round = await pollFeedbackOnce(target, { waitSeconds: wait });
    rounds.push(round);
    if (round.received < BATCH) return rounds;
    wait = 0;
  }
}

let loop: Promise<void> | undefined;

/**
 * The scheduled poll: honours the backoff after failures, drains the queue, and keeps
 * long-polling while a send is recent. At most one runs in a worker.
 */
export function runScheduledPoll(): Promise<void> {
  loop ??= (async () => {
    try {
      // Before the set-up is done there is no queue to read: not a failure to back off from.
      if (!isConfigured(await loadSettings())) return;
      const target = await pollTarget();
      for (;;) {
        const now = target.now().getTime();
        const active = (await activeUntil()) > now;
        const status = await readFeedbackStatus();
        const retryAt = status.nextAttemptAt ? Date.parse(status.nextAttemptAt) : 0;
        if (retryAt > now) {
          // Backing off: wait here only while a send keeps us interested, else the alarm returns.
          if (!active) return;
          await sleep(Math.min(retryAt, await activeUntil()) - now);
          continue;
        }
        try {
          await drain(target, active ? LONG_POLL_S : 1);
        } catch {
          // Recorded in the feedback status (lib/feedback/poll.ts) with its backoff.
        }
        if ((await activeUntil()) <= target.now().getTime()) return;
      }
    } finally {
      loop = undefined;
    }
  })();
  return loop;
}

/** A send just happened: long-poll for its bounces and complaints for a few minutes. */
export async function noteRecentSend(): Promise<void> {
  const now = (await backgroundClock())().getTime();
  await writeRecord(ACTIVE_UNTIL_KEY, now + RECENT_SEND_MS, new Date(now));
  void runScheduledPoll();
}

/** The `pollFeedback` message: drain the queue now, whatever the backoff says. */
export async function handlePollFeedback(): Promise<PollFeedbackReply> {
  try {
    const rounds = await drain(await pollTarget(), 0);
    return summarise(rounds, (await readFeedbackStatus()).lastEventAt);
  } catch (error) {
    const status = await readFeedbackStatus();
    return { ...summarise([], status.lastEventAt), error: status.lastError ?? describeError(error) };
  }
}

/**
 * Registers the feedback poll's listeners. Call it synchronously in the background's
 * main: a worker woken by the alarm must find its listener at once.
 */
export function registerFeedbackListeners(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FEEDBACK_ALARM) void runScheduledPoll();
  });
  // Every message SES accepts becomes a ledger row: that is "a send", whoever sent it.
  db().ledger.hook('creating', function () {
    this.onsuccess = () => void noteRecentSend();
  });
  void browser.alarms.get(FEEDBACK_ALARM).then((existing) => {
    if (!existing)
      void browser.alarms.create(FEEDBACK_ALARM, { periodInMinutes: ALARM_PERIOD_MINUTES, delayInMinutes: ALARM_PERIOD_MINUTES });
  });
}
