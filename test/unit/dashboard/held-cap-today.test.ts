import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCapToday } from '@/lib/dashboard/cap-today';
import { holdCapToday } from '@/lib/dashboard/held-cap-today';
import type { CapTodayView } from '@/lib/dashboard/view';
import { RampartDb } from '@/lib/store/db';
import { reserve } from '@/lib/send/reservations';
import { defaultPlan } from '@/lib/ramp/plan';
import { savePlan } from '@/lib/account/ramp';
import type { Settings } from '@/lib/store/settings';
import { demoSettings } from '../../support/builders';
import { dashboardNow as NOW, storeAccount, storeSend, storeVdm, dashboardToday as today } from '../../support/builders';

// The popup's first paint held by the worker between popups: every reply must be what a
// fresh read of the same stored state gives, so each change to what it is read from
// shows at the next popup, and a recomputed view is ready without the popup's read.

const OTHER = 'other@outbound.example.com';
const REFRESH_AFTER_MS = 5;

let database: RampartDb;
let run = 0;
let settings: Settings;
let offsetMs: number;
let storageListeners: Array<() => void>;
/** The hold's reads, counted by its settings reads (one each). Per test: an earlier test's hold may still hear changes. */
let reads: { count: number };

const at = () => new Date(NOW.getTime() + offsetMs);

function hold() {
  const counted = reads;
  return holdCapToday({
    database: () => database,
    loadSettings: async () => {
      counted.count++;
      return settings;
    },
    // A clock that moves only when the test moves it.
    clock: async () => () => at(),
    onStorageChanged: (listener) => storageListeners.push(listener),
    refreshAfterMs: REFRESH_AFTER_MS,
  });
}

/** What the popup would paint with nothing held. */
const fresh = async (): Promise<CapTodayView> =>
  (await readCapToday({ now: at(), database, senderTag: settings.senderTag || settings.fromAddress })).view;

/** Until the hold has read again on its own (its read under way or done). */
async function readAgainUnasked(before: number): Promise<void> {
  for (let i = 0; i < 200 && reads.count === before; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(reads.count).toBe(before + 1);
}

/**
 * Read until a read changes nothing: the first read of a new day settles the days before
 * it (a write, which rightly drops what was read with it), and the hold reads again.
 */
async function settled(capToday: () => Promise<CapTodayView>): Promise<CapTodayView> {
  for (let i = 0; i < 5; i++) {
    const before = reads.count;
    await capToday();
    await new Promise((resolve) => setTimeout(resolve, 10 * REFRESH_AFTER_MS));
    if (reads.count === before) break;
  }
  const before = reads.count;
  const view = await capToday();
  expect(reads.count).toBe(before);
  return view;
}

beforeEach(async () => {
  database = new RampartDb(`held-cap-today-${++run}`);
  settings = { ...demoSettings };
  offsetMs = 0;
  storageListeners = [];
  reads = { count: 0 };
  // Two mailboxes, the demo SDR's share 70%: whose mailbox it is shows in the cap.
  const plan = { ...defaultPlan('2026-08-23', 'UTC'), mailboxes: 2, shares: { [demoSettings.fromAddress]: 70 } };
  expect((await savePlan(plan, 'Lead', NOW, {}, database)).ok).toBe(true);
  await storeAccount(database, { sentLast24Hours: 20, syncedAt: '2026-11-20T11:00:00.000Z' });
  await storeSend(database, 'm1', '2026-11-20T11:30:00.000Z', ['a@x.example', 'b@x.example']);
  // The ramp state stored once, as any earlier reader would have: reads after it only read.
  await fresh();
});
afterEach(() => database.close());

describe('today’s cap held between popups', () => {
  it('answers again without reading, with what a fresh read gives', async () => {
    const capToday = hold();
    const first = await capToday();
    const second = await capToday();
    expect(reads.count).toBe(1);
    expect(second).toEqual(first);
    expect(second).toEqual(await fresh());
    // Day 90 of a two-mailbox plan: 600 a day, 70% of it mine, 2 of them sent.
    expect(second.cap.mine).toEqual({ cap: 420, sent: 2, remaining: 418 });
  });

  it('drops it on a send recorded, and reads it again before the next popup asks', async () => {
    const capToday = hold();
    await capToday();
    await storeSend(database, 'm2', '2026-11-20T11:45:00.000Z', ['c@x.example', 'd@x.example', 'e@x.example']);
    await readAgainUnasked(1);
    const after = await capToday();
    // The popup's read found the one read ahead: no read of its own.
    expect(reads.count).toBe(2);
    expect(after.cap.mine).toEqual({ cap: 420, sent: 5, remaining: 415 });
    expect(after).toEqual(await fresh());
  });

  it('drops it on a reservation', async () => {
    const capToday = hold();
    expect((await capToday()).cap.mine?.remaining).toBe(418);
    expect((await reserve('pending', 4, today, {}, { now: at(), database })).granted).toBe(true);
    const after = await capToday();
    expect(after.cap.mine).toEqual({ cap: 420, sent: 6, remaining: 414 });
    expect(after).toEqual(await fresh());
  });

  it('drops it on a change of extension storage: another SDR’s share', async () => {
    const capToday = hold();
    expect((await capToday()).cap.mine?.cap).toBe(420);
    settings = { ...settings, senderTag: OTHER };
    for (const listener of storageListeners) listener();
    await readAgainUnasked(1);
    const after = await capToday();
    expect(reads.count).toBe(2);
    // The mailbox left out of the shares: 30% of 600.
    expect(after.cap.mine?.cap).toBe(180);
    expect(after).toEqual(await fresh());
  });

  it('does not keep a read that a change overtook', async () => {
    const capToday = hold();
    // The read has taken the settings; they change before it is done.
    const during = capToday();
    settings = { ...settings, senderTag: OTHER };
    for (const listener of storageListeners) listener();
    expect((await during).cap.mine?.cap).toBe(420);
    expect((await capToday()).cap.mine?.cap).toBe(180);
    expect(await capToday()).toEqual(await fresh());
  });

  it('reads again once the hold runs out, or the day turns', async () => {
    const capToday = hold();
    await capToday();
    offsetMs = 30_000;
    await capToday();
    expect(reads.count).toBe(1);
    offsetMs = 61_000;
    await capToday();
    expect(reads.count).toBe(2);
    // Ten seconds before midnight, then just past it, well within the hold.
    offsetMs = 12 * 3_600_000 - 10_000;
    expect((await capToday()).ramp?.dayNumber).toBe(90);
    offsetMs = 12 * 3_600_000 + 1_000;
    const tomorrow = await capToday();
    expect(reads.count).toBe(4);
    expect(tomorrow.ramp?.dayNumber).toBe(91);
    // Yesterday's sends no longer count against today's cap.
    expect(tomorrow.cap.mine?.sent).toBe(0);
    expect(tomorrow).toEqual(await fresh());
  });

  it('applies a freeze and its lifting as a fresh read does, each logged once', async () => {
    const capToday = hold();
    await capToday();
    await storeVdm(database, [{ day: today, sends: 3, deliveries: 3, permanentBounces: 0, transientBounces: 0, complaints: 1 }]);
    const frozen = await capToday();
    expect(frozen.ramp).toMatchObject({ status: 'frozen', freezeUntil: '2026-11-22T12:00:00.000Z' });
    // 30 seconds before the freeze lifts (48 h on), then 10 seconds after: within the hold, on the same day.
    offsetMs = 48 * 3_600_000 - 30_000;
    expect((await settled(capToday)).ramp?.status).toBe('frozen');
    const readsBefore = reads.count;
    offsetMs = 48 * 3_600_000 + 10_000;
    const lifted = await capToday();
    expect(reads.count).toBe(readsBefore + 1);
    expect(lifted.ramp?.status).not.toBe('frozen');
    expect(lifted.ramp?.freezeUntil).toBeUndefined();
    const actions = await database.changeLog.where('kind').equals('ramp-action').toArray();
    expect(actions.map((a) => (a.data as { action: string }).action).sort()).toEqual(['cut', 'freeze', 'freeze-lifted']);
    expect(lifted).toEqual(await fresh());
  });
});
