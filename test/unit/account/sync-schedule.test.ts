import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startLocalAws, type LocalAws } from '../../../dev/local-aws/server';
import { dropAwsClients } from '@/lib/aws/client';
import { defaultSettings, saveSettings, type Settings } from '@/lib/store/settings';
import { registerSyncListeners, SYNC_ALARM, SYNC_PERIOD_MINUTES, syncNow } from '@/lib/account/sync';
import { accountSnapshot } from '@/lib/account/snapshot';
import { demoSettings } from '../../support/builders';
import { registerSignInAtStart } from '@/lib/aws/sign-in/sign-in-at-start';
import { emulatorSignInSettings, signInThroughEmulator } from '../../support/sign-in';

// When syncs run: one at a time, a sync asked for while another runs starts after it
// with the settings of that moment, and the alarm is made once.

let first: LocalAws;
let second: LocalAws;

const settingsFor = (aws: LocalAws): Settings => ({
  ...defaultSettings,
  ...demoSettings,
  endpointOverride: aws.url,
  ...emulatorSignInSettings(aws.url),
});

beforeAll(async () => {
  [first, second] = await Promise.all([startLocalAws({ port: 0 }), startLocalAws({ port: 0 })]);
  // Each emulator is its own user pool: sign in to whichever the settings name, as the emulator profile does.
  registerSignInAtStart((config) => signInThroughEmulator(config.hostedUi));
  await fetch(`${second.url}/_local/account`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ SendQuota: { SentLast24Hours: 7 } }),
  });
});
afterAll(async () => {
  dropAwsClients();
  await Promise.all([first.close(), second.close()]);
});

describe('the sync schedule', { timeout: 60_000 }, () => {
  it('runs one sync at a time; one asked for meanwhile reads the settings of its own start', async () => {
    await saveSettings(settingsFor(first));
    const running = syncNow();
    // The endpoint changes while the first sync runs: the next must read the new one.
    await saveSettings(settingsFor(second));
    const next = syncNow();
    const sameWait = syncNow();
    expect(sameWait).toBe(next);

    expect((await running).ok).toBe(true);
    expect((await next).ok).toBe(true);
    expect((await accountSnapshot())?.sentLast24Hours).toBe(7);
  });

  it('a full sync asked for while an incremental one waits is not folded into it', async () => {
    await saveSettings(settingsFor(first));
    await fetch(`${first.url}/_local/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'Bounce', bounceType: 'Permanent', recipient: 'bounced@prospects.test' }),
    });
    // Settled on this account, with a high-water mark: the next syncs are incremental.
    expect((await syncNow()).suppression?.kind).toBe('full');
    const running = syncNow();
    const incremental = syncNow();
    const full = syncNow({ full: true });
    expect(full).not.toBe(incremental);
    expect((await running).suppression?.kind).toBe('incremental');
    expect((await incremental).suppression?.kind).toBe('incremental');
    expect((await full).suppression?.kind).toBe('full');
  });

  it('creates the alarm once, every 15 minutes, and keeps it across wake-ups', async () => {
    registerSyncListeners();
    await expect.poll(() => fakeBrowser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: SYNC_PERIOD_MINUTES });
    const created = (await fakeBrowser.alarms.get(SYNC_ALARM))!.scheduledTime;
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A woken worker registers again: the alarm must not be pushed back.
    registerSyncListeners();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))!.scheduledTime).toBe(created);
  });
});
