import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { db } from '@/lib/store/db';
import { FEEDBACK_ALARM, registerFeedbackListeners, runScheduledPoll } from '@/lib/feedback/schedule';
import { readFeedbackStatus } from '@/lib/feedback/poll';
import { defaultSettings, saveSettings } from '@/lib/store/settings';
import { SENDER, startHarness, type Harness } from '../../emulator/support';
import { emulatorSignInSettings, signInThroughEmulator } from '../../support/sign-in';

// The background's schedule with the real emulator: a new ledger row (a send) starts
// long polls, so a complaint that arrives a moment later is applied without waiting for
// the alarm; the alarm is created once.

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await saveSettings({
    ...defaultSettings,
    identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
    configurationSet: 'rampart',
    fromName: 'Demo SDR',
    fromAddress: SENDER,
    senderTag: '',
    endpointOverride: harness.url,
    ...emulatorSignInSettings(harness.url),
    contactList: 'rampart',
  });
  await signInThroughEmulator(harness.url);
});
afterAll(async () => harness.close());

describe('the feedback schedule', () => {
  it('long-polls after a send and applies an event as it arrives', async () => {
    registerFeedbackListeners();
    await expect.poll(() => fakeBrowser.alarms.get(FEEDBACK_ALARM)).toMatchObject({ periodInMinutes: 1 });

    await db().ledger.add({
      messageId: 'sent-1',
      outboxId: 'o1',
      sentAt: new Date().toISOString(),
      day: new Date().toISOString().slice(0, 10),
      from: { email: SENDER },
      recipients: ['late@prospect.example'],
      recipientCount: 1,
      subject: 'Hello',
      senderTag: SENDER,
    });
    // The send opened a window of long polls; the queue exists from their first GetQueueUrl.
    await expect.poll(async () => (await harness.control<{ name: string }[]>('GET', '/_local/queues')).length, { timeout: 10_000 }).toBe(1);
    await harness.control('POST', '/_local/events', { type: 'Complaint', recipient: 'late@prospect.example', sender: SENDER });
    await expect.poll(() => db().suppression.get('late@prospect.example'), { timeout: 10_000 }).toMatchObject({ reason: 'COMPLAINT' });
    // Recorded when the round ends, after the suppression is shared with SES.
    await expect.poll(async () => (await readFeedbackStatus()).lastEventAt, { timeout: 10_000 }).toBeDefined();

    // Close the window, wake the held long poll, and the loop ends.
    await db().kv.put({ key: 'feedback:activeUntil', value: 0, updatedAt: new Date().toISOString() });
    await harness.control('POST', '/_local/events', { type: 'Delivery', recipient: 'late@prospect.example', sender: SENDER });
    await runScheduledPoll();
    const queues = await harness.control<{ messages: number }[]>('GET', '/_local/queues');
    expect(queues[0]!.messages).toBe(0);
  });
});
