import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';
import type { Draft } from '@/lib/core/draft';
import { demoSettings, draftOf, ledgerRowOf, snapshotOf } from '../../support/builders';
import { checkDraft } from '@/lib/send/guard';
import { createLiveCheck } from '@/lib/send/live-check';
import { defaultPlan } from '@/lib/ramp/plan';
import { planTimeZone, savePlan } from '@/lib/account/ramp';
import type { Settings } from '@/lib/store/settings';
import { decideSuppression } from '@/lib/suppression/decide';
import { ACCOUNT_KEY, IDENTITIES_KEY, type IdentitiesRecord } from '@/lib/store/records';

// The compose window's check holds what is not the draft's between checks; every change
// to what it was read from must show at the next check, exactly as a fresh check would.

const NOW = new Date('2026-03-10T15:00:00.000Z');
const ZONE = 'UTC';

const baseSettings = demoSettings;
const draft = (to: string[]) => draftOf({ to: to.map((email) => ({ email })) });
const ledger = (messageId: string, recipients: string[], sentAt: Date) =>
  ledgerRowOf({ messageId, recipients, sentAt: sentAt.toISOString() });

let database: RampartDb;
let n = 0;
let settings: Settings;
let settingsReads: number;
let offsetMs: number;
let storageListeners: Array<() => void>;

/**
 * A live check past its first uses: the first checks store the ramp state and build the
 * lookup filter (writes that rightly drop what was read meanwhile); then a check reads
 * nothing it holds.
 */
async function settledLiveCheck() {
  const check = liveCheck();
  for (let i = 0; i < 5; i++) {
    const before = settingsReads;
    await check(draft(['warm@prospect.example']));
    if (settingsReads === before) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  settingsReads = 0;
  return check;
}

function liveCheck() {
  return createLiveCheck({
    database: () => database,
    loadSettings: async () => {
      settingsReads++;
      return settings;
    },
    // A clock that moves only when the test moves it; the offset is read when asked.
    clock: async () => () => new Date(NOW.getTime() + offsetMs),
    timeZone: planTimeZone,
    onStorageChanged: (listener) => storageListeners.push(listener),
  });
}

/** A fresh check, nothing held: what the live check must always agree with. */
const freshCheck = (d: Draft) => checkDraft(d, settings, new Date(NOW.getTime() + offsetMs), ZONE, database);

beforeEach(async () => {
  database = new RampartDb(`live-check-${++n}`);
  settings = { ...baseSettings };
  settingsReads = 0;
  offsetMs = 0;
  storageListeners = [];
  const identities: IdentitiesRecord = {
    identities: [{ name: 'outbound.example.com', type: 'DOMAIN', verified: true, sendingEnabled: true }],
    syncedAt: NOW.toISOString(),
  };
  await database.kv.put({ key: IDENTITIES_KEY, value: identities, updatedAt: NOW.toISOString() });
  await database.kv.put({
    key: ACCOUNT_KEY,
    value: snapshotOf({ syncedAt: new Date(NOW.getTime() - 5 * 60_000).toISOString() }),
    updatedAt: NOW.toISOString(),
  });
  expect((await savePlan(defaultPlan('2026-03-08', ZONE), 'lead', NOW, {}, database)).ok).toBe(true);
});
afterEach(() => database.close());

describe('the live check', () => {
  it('holds the settings and the account picture between checks, and agrees with a fresh check', async () => {
    const check = await settledLiveCheck();
    const first = await check(draft(['ana@prospect.example']));
    const second = await check(draft(['ana@prospect.example', 'bo@prospect.example']));
    expect(settingsReads).toBe(0);
    expect(first).toEqual(await freshCheck(draft(['ana@prospect.example'])));
    expect(second).toEqual(await freshCheck(draft(['ana@prospect.example', 'bo@prospect.example'])));
    // Day 3 of a 300-a-day plan: 45% = 135 for the one mailbox.
    expect(second.cap).toMatchObject({ limit: 'mine', of: 135, remaining: 135 });
  });

  it('sees a send at once: the cap it took and the follow-up warning for its recipient', async () => {
    const check = await settledLiveCheck();
    expect((await check(draft(['ana@prospect.example']))).verdict).toBe('ok');
    await database.ledger.put(ledger('m1', ['ana@prospect.example', 'cy@prospect.example'], new Date(NOW.getTime() - 60 * 60_000)));
    const after = await check(draft(['ana@prospect.example']));
    expect(after.cap).toMatchObject({ remaining: 133 });
    expect(after.findings.map((f) => f.code)).toContain('duplicate-follow-up');
    expect(after).toEqual(await freshCheck(draft(['ana@prospect.example'])));
  });

  it('sees a suppression decided between two checks', async () => {
    const check = await settledLiveCheck();
    expect((await check(draft(['ana@prospect.example', 'stop@prospect.example']))).verdict).toBe('ok');
    await decideSuppression(
      { email: 'stop@prospect.example', reason: 'UNSUBSCRIBE', cause: 'stop-reply', because: 'replied STOP' },
      NOW,
      database,
    );
    const after = await check(draft(['ana@prospect.example', 'stop@prospect.example']));
    expect(after.verdict).toBe('block');
    expect(after.recipients.find((r) => r.email === 'stop@prospect.example')?.status).toBe('suppressed');
  });

  it('sees a new plan at once', async () => {
    const check = await settledLiveCheck();
    await check(draft(['ana@prospect.example']));
    await savePlan({ ...defaultPlan('2026-03-08', ZONE), prospectsPerMailboxPerDay: 100, emailsPerProspect: 1 }, 'lead', NOW, {}, database);
    // 100 a day instead of 300: day 3 = 45.
    expect((await check(draft(['ana@prospect.example']))).cap).toMatchObject({ of: 45 });
  });

  it('reads the settings again when extension storage changes', async () => {
    const check = await settledLiveCheck();
    await check(draft(['ana@prospect.example']));
    // The first send pinned this From; the SDR then changes it in options.
    await database.kv.put({
      key: 'pinnedIdentity',
      value: { address: 'sdr@outbound.example.com', name: 'Demo SDR' },
      updatedAt: NOW.toISOString(),
    });
    settings = { ...settings, fromAddress: 'other@outbound.example.com' };
    for (const listener of storageListeners) listener();
    const after = await check(draft(['ana@prospect.example']));
    expect(settingsReads).toBe(1);
    expect(after.findings.map((f) => f.code)).toContain('from-address-changed');
  });

  it('reads the picture again when the day turns or the hold runs out', async () => {
    const check = await settledLiveCheck();
    await check(draft(['ana@prospect.example']));
    offsetMs = 30_000;
    await check(draft(['ana@prospect.example']));
    expect(settingsReads).toBe(0);
    offsetMs = 61_000;
    await check(draft(['ana@prospect.example']));
    expect(settingsReads).toBe(1);
    // Ten seconds before midnight, then past it, well within the hold: today's figures.
    offsetMs = 9 * 60 * 60_000 - 10_000;
    expect((await check(draft(['ana@prospect.example']))).cap?.rampDay).toBe(3);
    const reads = settingsReads;
    offsetMs = 9 * 60 * 60_000 + 1_000;
    const tomorrow = await check(draft(['ana@prospect.example']));
    expect(tomorrow).toEqual(await freshCheck(draft(['ana@prospect.example'])));
    expect(tomorrow.cap?.rampDay).toBe(4);
    expect(settingsReads).toBe(reads + 1);
  });
});
